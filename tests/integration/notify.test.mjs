// Notifications over a real server and a local SMTP sink: the platform admin's settings page
// (validation, test mail, outbox), delivery by the scheduler (GK_SCHEDULER_INTERVAL=1) with the
// Chinese subject intact, and the deadline reminder of an overdue application sent exactly once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { login, sqlite, startServer, workflowTeam } from './server.mjs';
import { startSmtpSink } from './smtp_sink.mjs';

let srv;
let sink;
let users;
before(async () => {
  sink = await startSmtpSink();
  srv = await startServer({ env: { GK_SCHEDULER_INTERVAL: '1' } });
  users = await srv.users();
});
after(async () => {
  if (srv) await srv.stop();
  if (sink) await sink.close();
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Polls `fn` until it returns a truthy value (or fails after `timeoutMs`).
async function eventually(fn, what, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

// Today minus `days` as YYYY-MM-DD in China time.
function chinaDate(daysAgo) {
  const t = new Date(Date.now() + 8 * 3600_000 - daysAgo * 86400_000);
  return t.toISOString().slice(0, 10);
}

test('the admin configures the mail server on the settings page and a test mail reaches the sink', async () => {
  const adminName = users.find((u) => u.roles.includes('platform_admin') && !u.disabled).username;
  const admin = await login(srv.baseUrl, adminName);
  const team = workflowTeam(users);
  const clerk = await login(srv.baseUrl, team.drafter);
  assert.equal((await clerk.get('/admin/notifications')).status, 403, 'platform admins only');

  const page = await admin.get('/admin/notifications');
  assert.equal(page.status, 200);
  assert.match(page.text, /尚未配置邮件服务器/);
  await admin.refreshCsrf('/admin/notifications');

  // Queued while no server is configured: it waits, with the reason shown.
  const queued = await admin.postForm('/admin/notifications/test', { to: 'admin@example.gov.cn' });
  assert.equal(queued.status, 303, queued.text.slice(0, 300));
  await eventually(async () => /未配置邮件服务器/.test((await admin.get('/admin/notifications')).text), 'the outbox to show 未配置邮件服务器');
  const bad = await admin.postForm('/admin/notifications/test', { to: 'not-an-address' });
  assert.equal(bad.status, 400);

  const invalid = await admin.postForm('/admin/notifications', {
    smtp_host: '127.0.0.1', smtp_port: '99999', smtp_from: '', smtp_tls: 'none', site_url: 'gk.example',
  });
  assert.equal(invalid.status, 400);
  assert.match(invalid.text, /端口应为1至65535之间的整数/);
  assert.match(invalid.text, /填写了邮件服务器时，请填写发件人邮箱/);
  assert.match(invalid.text, /门户网址应以 http:/);

  const saved = await admin.postForm('/admin/notifications', {
    smtp_host: '127.0.0.1', smtp_port: String(sink.port), smtp_from: 'gk@example.gov.cn', smtp_user: '',
    smtp_password: 'Sink-Passw0rd', smtp_tls: 'none', sms_log_path: '', reminders_enabled: '1',
    site_url: 'https://gk.example.gov.cn',
  });
  assert.equal(saved.status, 303, saved.text.slice(0, 500));

  const mail = await sink.waitFor((m) => m.subject === '政务公开平台测试邮件', 15_000);
  assert.deepEqual(mail.to, ['admin@example.gov.cn']);
  assert.equal(mail.from, 'gk@example.gov.cn');
  assert.match(mail.headers.subject, /^=\?UTF-8\?B\?/, 'the subject travels as UTF-8 encoded-words');
  assert.equal(mail.headers['content-type'], 'text/plain; charset=UTF-8');
  assert.match(mail.body, /这是一封测试邮件/);

  const after = await eventually(async () => {
    const p = await admin.get('/admin/notifications');
    return /已发送/.test(p.text) ? p : null;
  }, 'the outbox to show 已发送');
  assert.doesNotMatch(after.text, /Sink-Passw0rd/, 'the password is never shown back');
  assert.match(after.text, /登录密码（已设置）/);
  const audit = await sqlite(srv.dbPath, "SELECT COUNT(*) FROM audit_events WHERE entity = 'notify_settings'");
  assert.equal(Number(audit[0][0]), 1);
  const leaked = await sqlite(srv.dbPath, "SELECT COUNT(*) FROM audit_events WHERE after_json LIKE '%Sink-Passw0rd%'");
  assert.equal(Number(leaked[0][0]), 0, 'the password is not in the audit trail');
});

test('an overdue application produces exactly one reminder mail to the agency clerk', async () => {
  const team = workflowTeam(users);
  const address = `clerk-${process.pid}@example.gov.cn`;
  const set = await srv.cli(['notify', 'staff-email', '--db', srv.dbPath, '--username', team.drafter, '--email', address]);
  assert.equal(set.code, 0, set.stderr);

  // Registered by the clerk as received by post 60 days ago: long past the 20 working days.
  const clerk = await login(srv.baseUrl, team.drafter);
  await clerk.refreshCsrf('/admin/applications/new');
  const agencyId = (await sqlite(srv.dbPath, `SELECT id FROM agencies WHERE name = '${team.agency}'`))[0][0];
  const reg = await clerk.postForm('/admin/applications/new', {
    category: 'person', name: '李四', id_type: 'resident_id', id_number: '11010519491231002X', phone: '13812341234',
    email: '', address: '云溪县城关镇人民路2号', agency_id: String(agencyId),
    description: `提醒测试${process.pid}：2025年本县农村公路养护资金的分配文件`, form: 'paper', delivery: 'pickup',
    channel: 'post_signed', received_date: chinaDate(60),
  });
  assert.equal(reg.status, 200, (reg.text.match(/<p class="field-error"[^<]*<\/p>/g) ?? []).join('\n'));
  const code = reg.text.match(/\d{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/)[0];

  // The job once from the command line, then the scheduler's own runs (at its first tick and every
  // ten ticks): still one mail.
  const run = await srv.cli(['notify', 'reminders', '--db', srv.dbPath]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /reminders queued/);
  const mine = (m) => m.to.includes(address) && m.subject.includes(code);
  const reminder = await sink.waitFor(mine, 15_000);
  assert.match(reminder.subject, /^【超期】依申请公开 /);
  assert.match(reminder.body, new RegExp(`查询码：${code}`));
  assert.match(reminder.body, /已超期：\d+个工作日/);
  assert.match(reminder.body, /办理页面：https:\/\/gk\.example\.gov\.cn\/admin\/applications\/\d+/);
  assert.doesNotMatch(reminder.body, /李四|13812341234/, 'no applicant data in a reminder');

  await sleep(11_000);  // at least one more reminder run of the scheduler (every 10 ticks of 1 s)
  const again = await srv.cli(['notify', 'reminders', '--db', srv.dbPath]);
  assert.equal(again.code, 0, again.stderr);
  await sleep(2_000);
  assert.equal(sink.messages.filter(mine).length, 1, 'announced once');
  const rows = await sqlite(srv.dbPath, `SELECT COUNT(*) FROM outbox WHERE recipient = '${address}' AND subject LIKE '%${code}%'`);
  assert.equal(Number(rows[0][0]), 1);
});
