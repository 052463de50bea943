// Command-line commands. Each opens the database, applies migrations, and calls the services with
// the command-line actor, so every change is validated and audited as in the back office.
#include "app/cli.h"

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "accounts/service.h"
#include "agencies/service.h"
#include "app/demo.h"
#include "app/check_cli.h"
#include "app/notify_cli.h"
#include "app/report_cli.h"
#include "app/scheduler.h"
#include "app/search_cli.h"
#include "catalog/service.h"
#include "holidays/service.h"
#include "clock/clock.h"
#include "platform/calendar/calendar.h"
#include "platform/db/migrations.h"
#include "platform/http/server.h"
#include "platform/text/utf8.h"
#include "platform/time.h"
#include "web/context.h"

namespace gk::app {
namespace {

namespace fs = std::filesystem;

audit::Actor cli_actor() { return {std::nullopt, "命令行", ""}; }

std::shared_ptr<db::Database> open_db(const std::string& path, bool must_exist) {
  if (must_exist && !fs::exists(path)) {
    throw std::runtime_error("database " + path + " does not exist (create it with: gongkai init --db " + path + ")");
  }
  if (!path.empty() && fs::path(path).has_parent_path()) fs::create_directories(fs::path(path).parent_path());
  auto d = db::Database::open_sqlite(path);
  db::migrate(d->conn());
  ensure_search_index(d->conn());
  return d;
}

int fail(const Error& e) {
  std::cerr << "error: " << e.message;
  for (const auto& [f, m] : e.fields) {
    if (m != e.message) std::cerr << "\n  " << f << ": " << m;
  }
  std::cerr << "\n";
  return 1;
}

std::vector<std::string> split_roles(const std::string& s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t comma = s.find(',', pos);
    std::string r = s.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    if (!r.empty()) out.push_back(r);
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return out;
}

// Reads a password from the environment variable or standard input (never from the command line,
// where other users could see it in the process list).
std::string read_password(const std::string& env_name) {
  if (const char* v = std::getenv(env_name.c_str()); v && *v) return v;
  std::cerr << "password: ";
  std::string pw;
  std::getline(std::cin, pw);
  return pw;
}

int cmd_serve(const std::string& path, const std::string& listen, int threads, bool behind_proxy) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) throw CLI::ValidationError("--listen", "expected HOST:PORT, e.g. 127.0.0.1:8080");
  http::ServerOptions opts;
  opts.host = listen.substr(0, colon);
  int port = 0;
  try {
    port = std::stoi(listen.substr(colon + 1));
  } catch (...) {
    port = -1;
  }
  if (port < 0 || port > 65535) throw CLI::ValidationError("--listen", "port must be 0..65535");
  opts.port = static_cast<uint16_t>(port);
  opts.threads = threads;
  auto database = open_db(path, true);
  holidays::load(database->conn());
  web::App app(database, web::build_routes(), behind_proxy);
  http::HttpServer server(opts, [&app](http::Request& r) { return app.handle(r); });
  const uint16_t bound = server.listen();
  std::atomic<bool> running{true};
  // Other processes may write to the same database: poll the content generation.
  std::thread poller([&] {
    while (running) {
      std::this_thread::sleep_for(std::chrono::seconds(1));
      if (running) app.refresh_generation();
    }
  });
  // Deadline reminders and the outbox, on a thread with its own connection.
  Scheduler scheduler(database, Scheduler::interval_from_env());
  scheduler.start();
  std::cout << "gongkai serving http://" << opts.host << ":" << bound << "/ (back office: /admin)" << std::endl;
  server.run(true);
  running = false;
  poller.join();
  scheduler.stop();
  return 0;
}

// `gongkai calendar ...`: plain text for people, --json for programs (the API's objects).
int cmd_calendar(const std::string& what, const std::string& a, const std::string& b, int n, bool json) {
  const auto cal_ptr = calendar::current();
  const auto& cal = *cal_ptr;
  auto from = parse_date(a);
  if (!from || format_date(*from) != a) return fail(Error::invalid("invalid_date", "日期格式应为 YYYY-MM-DD：" + a));
  if (what == "day") {
    auto info = cal.day(*from);
    if (!info) return fail(info.error());
    if (json) std::cout << calendar::day_json(*info).dump() << "\n";
    else std::cout << a << " " << (info->workday ? "工作日" : "非工作日") << "：" << info->reason << "\n";
    return 0;
  }
  if (what == "add") {
    auto r = cal.add_workdays(*from, n);
    if (!r) return fail(r.error());
    if (json) std::cout << calendar::add_json(*from, n, *r).dump() << "\n";
    else std::cout << format_date(*r) << "\n";
    return 0;
  }
  auto to = parse_date(b);
  if (!to || format_date(*to) != b) return fail(Error::invalid("invalid_date", "日期格式应为 YYYY-MM-DD：" + b));
  nlohmann::json out = nlohmann::json::array();
  for (auto d = std::chrono::sys_days{*from}; d <= std::chrono::sys_days{*to}; d += std::chrono::days{1}) {
    auto info = cal.day(calendar::Date{d});
    if (!info) return fail(info.error());
    if (json) out.push_back(calendar::day_json(*info));
    else std::cout << format_date(calendar::Date{d}) << "\t" << (info->workday ? "工作日" : "休息") << "\t" << info->reason << "\n";
  }
  if (json) std::cout << out.dump() << "\n";
  return 0;
}

// `gongkai calendar clock`: the statutory clock of one case, as text or as the API's JSON.
int cmd_clock(const std::string& events_text, const std::string& today_text, const clock::Settings& settings,
              bool json) {
  auto events = clock::parse_events(events_text);
  if (!events) return fail(events.error());
  const std::string today_s = today_text.empty() ? today_cn() : today_text;
  auto today = parse_date(today_s);
  if (!today || format_date(*today) != today_s) return fail(Error::invalid("invalid_date", "日期格式应为 YYYY-MM-DD：" + today_s));
  auto r = clock::evaluate(*calendar::current(), *events, *today, settings);
  if (!r) return fail(r.error());
  const auto j = clock::to_json(*r);
  if (json) {
    std::cout << j.dump() << "\n";
    return 0;
  }
  std::cout << "状态：" << j["phase_label"].get<std::string>();
  if (r->phase == clock::Phase::kRunning || r->phase == clock::Phase::kPaused) {
    std::cout << "（" << j["urgency_label"].get<std::string>() << "）";
  }
  std::cout << "\n";
  if (r->due) {
    std::cout << "答复期限：" << format_date(*r->due) << (r->due_provisional ? "（估算）" : "") << "\n";
    if (!r->closed_on) std::cout << "剩余工作日：" << r->workdays_left << "\n";
  }
  for (const auto& l : r->limits) {
    std::cout << l.label << "：" << format_date(l.due) << (l.kept ? "" : "（未遵守）") << "\n";
  }
  std::cout << "\n计算依据：\n";
  for (size_t i = 0; i < r->rules.size(); ++i) std::cout << "  " << i + 1 << ". " << r->rules[i] << "\n";
  if (!r->days.empty()) {
    std::cout << "\n期间不计入的日期：\n";
    for (const auto& d : j["days"]) {
      std::cout << "  " << d["date"].get<std::string>() << " " << d["weekday"].get<std::string>() << " "
                << d["reason"].get<std::string>() << "\n";
    }
  }
  for (const auto& w : r->warnings) std::cout << "注意：" << w << "\n";
  return 0;
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App cli{"gongkai — 政务公开平台 (government information disclosure platform)"};
  cli.require_subcommand(1);
  std::string db_path = "var/gongkai.db";

  auto* init = cli.add_subcommand("init", "create a database (applies migrations); --demo loads the demo dataset");
  bool demo = false;
  init->add_option("--db", db_path, "database file")->required();
  init->add_flag("--demo", demo, "load the fictional demo county");

  auto* serve = cli.add_subcommand("serve", "serve the portal, back office and API");
  std::string listen = "127.0.0.1:8080";
  int threads = 0;
  serve->add_option("--db", db_path, "database file")->required();
  serve->add_option("--listen", listen, "HOST:PORT to listen on");
  serve->add_option("--threads", threads, "I/O threads (0: one per core)")->check(CLI::Range(0, 256));
  bool behind_proxy = false;
  serve->add_flag("--behind-proxy", behind_proxy,
                  "trust X-Forwarded-For from a local reverse proxy (nginx) for client addresses");

  auto* migrate = cli.add_subcommand("migrate", "apply pending schema migrations");
  migrate->add_option("--db", db_path, "database file")->required();

  auto* search_cmd = cli.add_subcommand("search", "the full-text search index");
  search_cmd->require_subcommand(1);
  auto* search_reindex =
      search_cmd->add_subcommand("reindex", "rebuild the search index from the catalog (progress on standard error)");
  search_reindex->add_option("--db", db_path, "database file")->required();

  auto* user = cli.add_subcommand("user", "manage back-office users");
  user->require_subcommand(1);
  std::string username, display_name, agency_name, roles_csv;
  auto* user_add = user->add_subcommand("add", "add a user (password from GK_PASSWORD or standard input)");
  user_add->add_option("--db", db_path)->required();
  user_add->add_option("--username", username)->required();
  user_add->add_option("--name", display_name, "display name")->required();
  user_add->add_option("--agency", agency_name, "agency full name")->required();
  user_add->add_option("--roles", roles_csv,
                       "comma-separated: drafter,secrecy,reviewer,signer,agency_admin,platform_admin,supervisor")
      ->required();
  auto* user_passwd = user->add_subcommand("passwd", "set a user's password (from GK_PASSWORD or standard input)");
  user_passwd->add_option("--db", db_path)->required();
  user_passwd->add_option("--username", username)->required();
  auto* user_disable = user->add_subcommand("disable", "disable a user (ends sessions, revokes tokens)");
  user_disable->add_option("--db", db_path)->required();
  user_disable->add_option("--username", username)->required();
  auto* user_list = user->add_subcommand("list", "list users");
  user_list->add_option("--db", db_path)->required();

  auto* agency = cli.add_subcommand("agency", "manage agencies");
  agency->require_subcommand(1);
  agencies::AgencyInput ain;
  std::string parent_name;
  auto* agency_add = agency->add_subcommand("add", "add an agency");
  agency_add->add_option("--db", db_path)->required();
  agency_add->add_option("--name", ain.name)->required();
  agency_add->add_option("--short-name", ain.short_name);
  agency_add->add_option("--level", ain.level, "province|city|county|township|department")->required();
  agency_add->add_option("--credit-code", ain.credit_code, "统一社会信用代码")->required();
  agency_add->add_option("--parent", parent_name, "parent agency full name");
  agency_add->add_option("--region-code", ain.region_code);
  agency_add->add_option("--address", ain.address);
  agency_add->add_option("--phone", ain.phone);
  auto* agency_list = agency->add_subcommand("list", "list agencies as a tree");
  agency_list->add_option("--db", db_path)->required();

  auto* token = cli.add_subcommand("token", "API tokens");
  token->require_subcommand(1);
  std::string label = "cli";
  auto* token_create = token->add_subcommand("create", "create an API token for a user (printed once)");
  token_create->add_option("--db", db_path)->required();
  token_create->add_option("--user", username)->required();
  token_create->add_option("--label", label);

  auto* cal = cli.add_subcommand("calendar", "working days on the State Council holiday schedule");
  cal->require_subcommand(1);
  std::string date_a, date_b;
  int workdays = 0;
  bool as_json = false;
  auto* cal_day = cal->add_subcommand("is-workday", "is DATE a working day, and why");
  cal_day->add_option("DATE", date_a, "YYYY-MM-DD")->required();
  cal_day->add_flag("--json", as_json, "print JSON");
  auto* cal_add = cal->add_subcommand("add", "the date N working days after FROM (FROM itself not counted)");
  cal_add->add_option("FROM", date_a, "YYYY-MM-DD")->required();
  cal_add->add_option("N", workdays, "working days")->required();
  cal_add->add_flag("--json", as_json, "print JSON");
  auto* cal_list = cal->add_subcommand("list", "every date from FROM to TO with its working-day status");
  cal_list->add_option("FROM", date_a, "YYYY-MM-DD")->required();
  cal_list->add_option("TO", date_b, "YYYY-MM-DD")->required();
  cal_list->add_flag("--json", as_json, "print JSON");
  auto* cal_clock = cal->add_subcommand("clock", "the statutory clock of an application: due date, state, explanation");
  std::string clock_events, clock_today, clock_start = "next";
  clock::Settings clock_settings;
  cal_clock->add_option("--events", clock_events,
                        "events, e.g. \"received 2024-01-02 online; extended 2024-01-25 days=10 by=王主任\"")
      ->required();
  cal_clock->add_option("--today", clock_today, "evaluate as of this date (default: today in China)");
  cal_clock->add_option("--start-day", clock_start, "whether the receipt day counts: next (default) or same")
      ->check(CLI::IsMember({"next", "same"}));
  cal_clock->add_option("--due-soon", clock_settings.due_soon_workdays, "临期 at this many working days left")
      ->check(CLI::Range(0, 20));
  bool fee_counts = false;
  cal_clock->add_flag("--fee-wait-counts", fee_counts, "count the wait for a fee payment in the reply period");
  cal_clock->add_flag("--json", as_json, "print JSON");
  std::string cal_db;
  for (auto* sub : {cal_day, cal_add, cal_list, cal_clock}) {
    sub->add_option("--db", cal_db, "also use the holiday schedules added to this database");
  }
  std::string year_file;
  auto* cal_year = cal->add_subcommand("add-year", "add a year's holiday schedule (JSON in the data/holidays format)");
  cal_year->add_option("--db", db_path)->required();
  cal_year->add_option("--file", year_file, "schedule file")->required()->check(CLI::ExistingFile);

  auto* notify_cmd = cli.add_subcommand("notify", "e-mail and SMS notifications (the outbox)");
  notify_cmd->require_subcommand(1);
  auto* notify_send = notify_cmd->add_subcommand("send", "deliver every queued message now");
  notify_send->add_option("--db", db_path, "database file")->required();
  auto* notify_reminders =
      notify_cmd->add_subcommand("reminders", "queue the deadline reminders (临期 / 超期) not yet queued");
  notify_reminders->add_option("--db", db_path, "database file")->required();
  std::string notify_today, notify_email;
  notify_reminders->add_option("--today", notify_today, "as of this date (default: today in China)");
  auto* notify_staff = notify_cmd->add_subcommand("staff-email", "set a user's address for deadline reminders");
  notify_staff->add_option("--db", db_path, "database file")->required();
  notify_staff->add_option("--username", username)->required();
  notify_staff->add_option("--email", notify_email, "address (empty to clear)")->required();

  std::string out_path, in_path;
  auto* backup = cli.add_subcommand("backup", "online backup (consistent while serving)");
  backup->add_option("--db", db_path)->required();
  backup->add_option("--out", out_path, "backup file to write")->required();
  auto* restore = cli.add_subcommand("restore", "restore a backup into a database file (server must be stopped)");
  restore->add_option("--db", db_path)->required();
  restore->add_option("--from", in_path, "backup file")->required()->check(CLI::ExistingFile);
  bool force = false;
  restore->add_flag("--force", force, "overwrite an existing database");

  CheckCommand check_cmd;
  add_check_command(cli, check_cmd);
  ReportCommand report_cmd;
  add_report_command(cli, report_cmd);

  for (int i = 1; i < argc; ++i) {
    if (!text::is_clean_utf8(argv[i])) {
      std::cerr << "error: argument " << i << " is not valid UTF-8 text\n";
      return 2;
    }
  }
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }

  try {
    if (*init) {
      if (fs::exists(db_path) && fs::file_size(db_path) > 0) {
        std::cerr << "error: " << db_path << " already exists; use `gongkai migrate` to upgrade it\n";
        return 1;
      }
      auto d = open_db(db_path, false);
      std::cout << "created " << db_path << " (schema version " << db::latest_version() << ")\n";
      if (demo) {
        auto accounts = load_demo(d->conn());
        std::cout << "demo data loaded. Demo accounts (shown only now):\n";
        for (const auto& a : accounts) {
          std::cout << "  " << a.username << "  " << a.password << "  " << a.roles << " @ " << a.agency << "\n";
        }
      }
      return 0;
    }
    if (*check_cmd.cmd) return run_check_command(check_cmd);
    if (*report_cmd.cmd) return run_report_command(report_cmd);
    if (*serve) return cmd_serve(db_path, listen, threads, behind_proxy);
    if (*search_reindex) return cmd_search_reindex(db_path);
    if (*notify_cmd) {
      auto d = open_db(db_path, true);
      holidays::load(d->conn());
      if (*notify_send) return cmd_notify_send(d->conn());
      if (*notify_reminders) return cmd_notify_reminders(d->conn(), notify_today);
      return cmd_notify_staff_email(d->conn(), username, notify_email);
    }
    if (*cal_year) {
      auto d = open_db(db_path, true);
      holidays::load(d->conn());
      std::ifstream in(year_file);
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      auto schedule = calendar::parse_year(text);
      if (!schedule) return fail(schedule.error());
      auto st = holidays::add_year(d->conn(), nullptr, cli_actor(), *schedule);
      if (!st) return fail(st.error());
      std::cout << "holiday schedule of " << schedule->year << " added\n";
      return 0;
    }
    if (*cal) {
      if (!cal_db.empty()) holidays::load(open_db(cal_db, true)->conn());
      if (*cal_clock) {
        clock_settings.start_rule = clock_start == "same" ? calendar::StartRule::kSameDay : calendar::StartRule::kNextDay;
        clock_settings.fee_wait_pauses = !fee_counts;
        return cmd_clock(clock_events, clock_today, clock_settings, as_json);
      }
      return cmd_calendar(*cal_day ? "day" : (*cal_add ? "add" : "list"), date_a, date_b, workdays, as_json);
    }
    if (*migrate) {
      auto d = db::Database::open_sqlite(db_path);
      auto st = db::migrate(d->conn());
      ensure_search_index(d->conn());
      std::cout << "schema version " << st.current_version << " (" << st.applied.size() << " applied)\n";
      return 0;
    }
    if (*user) {
      auto d = open_db(db_path, true);
      auto& db = d->conn();
      if (*user_add) {
        auto a = agencies::find_by_name(db, agency_name);
        if (!a) return fail(Error::not_found("unknown agency: " + agency_name));
        accounts::UserInput in{username, display_name, a->id, split_roles(roles_csv), read_password("GK_PASSWORD")};
        auto u = accounts::create_user(db, nullptr, cli_actor(), in);
        if (!u) return fail(u.error());
        std::cout << "user " << u->username << " created\n";
        return 0;
      }
      if (*user_list) {
        for (const auto& u : accounts::list_users(db)) {
          std::string roles;
          for (auto r : u.roles) roles += std::string(roles.empty() ? "" : ",") + std::string(accounts::role_code(r));
          std::cout << u.username << "\t" << u.display_name << "\t" << u.agency_name << "\t" << roles
                    << (u.disabled ? "\tdisabled" : "") << "\n";
        }
        return 0;
      }
      auto u = accounts::find_user(db, username);
      if (!u) return fail(Error::not_found("unknown user: " + username));
      if (*user_passwd) {
        auto st = accounts::set_password(db, nullptr, cli_actor(), u->id, read_password("GK_PASSWORD"));
        if (!st) return fail(st.error());
        std::cout << "password of " << username << " changed\n";
      } else {
        auto st = accounts::set_disabled(db, nullptr, cli_actor(), u->id, true);
        if (!st) return fail(st.error());
        std::cout << "user " << username << " disabled\n";
      }
      return 0;
    }
    if (*agency) {
      auto d = open_db(db_path, true);
      auto& db = d->conn();
      if (*agency_add) {
        if (!parent_name.empty()) {
          auto p = agencies::find_by_name(db, parent_name);
          if (!p) return fail(Error::not_found("unknown parent agency: " + parent_name));
          ain.parent_id = p->id;
        }
        auto a = db.write([&]() -> Result<agencies::Agency> {
          auto r = agencies::create(db, nullptr, cli_actor(), ain);
          if (r) catalog::ensure_standard_columns(db, r->id);
          return r;
        });
        if (!a) return fail(a.error());
        std::cout << "agency " << a->name << " created (id " << a->id << ")\n";
        return 0;
      }
      for (const auto& e : agencies::tree(db)) {
        std::cout << std::string(static_cast<size_t>(e.depth) * 2, ' ') << e.agency.name << "  ["
                  << agencies::level_label(e.agency.level) << "] " << e.agency.credit_code << "\n";
      }
      return 0;
    }
    if (*token_create) {
      auto d = open_db(db_path, true);
      auto u = accounts::find_user(d->conn(), username);
      if (!u) return fail(Error::not_found("unknown user: " + username));
      auto t = accounts::create_token(d->conn(), nullptr, cli_actor(), u->id, label);
      if (!t) return fail(t.error());
      std::cout << *t << "\n";
      return 0;
    }
    if (*backup) {
      auto d = open_db(db_path, true);
      if (fs::exists(out_path)) {
        std::cerr << "error: " << out_path << " already exists\n";
        return 1;
      }
      if (fs::path(out_path).has_parent_path()) fs::create_directories(fs::path(out_path).parent_path());
      d->backup_to(out_path);
      std::cout << "backup written to " << out_path << "\n";
      return 0;
    }
    if (*restore) {
      if (fs::exists(db_path) && !force) {
        std::cerr << "error: " << db_path << " exists; stop the server and pass --force to overwrite it\n";
        return 1;
      }
      {
        auto check = db::Database::open_sqlite(in_path);
        if (check->conn().scalar_int("SELECT COUNT(*) FROM sqlite_master WHERE name = 'schema_migrations'") == 0) {
          std::cerr << "error: " << in_path << " is not a gongkai backup\n";
          return 1;
        }
      }
      for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db_path + suffix);
      if (fs::path(db_path).has_parent_path()) fs::create_directories(fs::path(db_path).parent_path());
      auto src = db::Database::open_sqlite(in_path);
      src->backup_to(db_path);
      open_db(db_path, true);  // brings an older backup up to the current schema
      std::cout << "restored " << in_path << " into " << db_path << "\n";
      return 0;
    }
  } catch (const CLI::Error& e) {
    return cli.exit(e);
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace gk::app
