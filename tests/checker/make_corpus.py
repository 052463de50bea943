#!/usr/bin/env python3
"""Composes the report checker's test corpus (tests/checker/corpus/): annual reports of the three eras
as HTML, flattened text ('|', tabs, spaces), GBK-encoded files and PDFs, each with the expected JSON
(<name>.expected.json) holding what the checker must find. The figures are chosen here, written into
the report, and written into the expectation: the expectation never comes from the checker.

Run from the repository root: python3 tests/checker/make_corpus.py. PDFs are made with pango-view
(Noto CJK fonts) when it is available and committed as fixtures; the two real examples of
../shared/domain/examples are copied in by hand (their expectations are written below as well).
The output is deterministic (fixed random seed)."""

import json
import os
import random
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "checker", "corpus")
FORMATS = {fid: json.load(open(os.path.join(ROOT, "data", "report_formats", fid + ".json"), encoding="utf-8"))
           for fid in ("2019", "2021")}
SECTION_TITLES = [s["title"] for s in FORMATS["2021"]["sections"]]
SECTION_KEYS = [s["key"] for s in FORMATS["2021"]["sections"]]


def table(fmt, key):
    return next(t for t in fmt["tables"] if t["key"] == key)


def value_columns(t, row):
    cols = [c for c in t["columns"] if c.get("kind", "count") != "group"]
    if row.get("part"):
        part = next(p for p in t["parts"] if p["key"] == row["part"])
        return [c for c in cols if c["key"] in part["columns"]]
    return cols


def data_rows(t):
    return [r for r in t["rows"] if r.get("kind", "data") != "group"]


def make_values(fmt, rnd, zero_apps=False):
    """Values satisfying every same-year identity of the format."""
    v = {}
    t3 = table(fmt, "table3")
    cols = [c["key"] for c in t3["columns"] if c.get("kind", "count") != "group" and c["key"] != "total"]
    result_rows = [r["key"] for r in data_rows(t3) if r["key"] not in ("new", "carried_over", "r7", "carry_forward")]
    for c in cols:
        big = c == "person"
        new = 0 if zero_apps else (rnd.randint(5, 60) if big else rnd.choice([0, 0, 1, 2, 3, 5]))
        carried = 0 if zero_apps else (rnd.randint(0, 4) if big else rnd.choice([0, 0, 1]))
        forward = 0 if zero_apps else min(new + carried, rnd.randint(0, 3) if big else rnd.choice([0, 0, 1]))
        done = new + carried - forward
        shares = {r: 0 for r in result_rows}
        for _ in range(done):
            r = rnd.choice(["r1"] * 6 + ["r2"] * 2 + result_rows)
            shares[r] += 1
        v[f"table3.new.{c}"] = new
        v[f"table3.carried_over.{c}"] = carried
        v[f"table3.carry_forward.{c}"] = forward
        v[f"table3.r7.{c}"] = done
        for r, n in shares.items():
            v[f"table3.{r}.{c}"] = n
    for r in data_rows(t3):
        v[f"table3.{r['key']}.total"] = sum(v[f"table3.{r['key']}.{c}"] for c in cols)
    for g in ("review", "suit_direct", "suit_after_review"):
        parts = [0 if zero_apps else rnd.choice([0, 0, 1, 2]) for _ in range(4)]
        for k, n in zip(("upheld", "corrected", "other", "pending"), parts):
            v[f"table4.{g}.{k}"] = n
        v[f"table4.{g}.total"] = sum(parts)
    t2 = table(fmt, "table2")
    for r in data_rows(t2):
        for c in value_columns(t2, r):
            kind = c.get("kind", "count")
            if kind == "amount":
                val = round(rnd.randint(0, 50000) / 10000, 4)
            elif kind == "signed_count":
                val = rnd.randint(-5, 8)
            else:
                val = rnd.randint(0, 400) if r["key"] in ("license", "penalty") else rnd.randint(0, 30)
            v[f"table2.{r['key']}.{c['key']}"] = val
    return v


def fmt_num(x, full_width):
    s = ("%g" % x) if isinstance(x, float) else str(x)
    if isinstance(x, float) and "." not in s:
        s = s + ".00"
    if full_width:
        s = "".join(chr(0xFF10 + int(ch)) if ch.isdigit() else ch for ch in s)
    return s


# ---- HTML tables from the official layout ----

def html_table(fmt, key, v, blanks, full_width, caption):
    t = table(fmt, key)
    rows_by_key = {r["key"]: r for r in t["rows"]}
    cols_by_key = {c["key"]: c for c in t["columns"]}
    parts_by_key = {p["key"]: p for p in t.get("parts", [])}
    out = [f'<table border="1" cellspacing="0"><caption>{caption}</caption>']
    for row in t["layout"]["rows"]:
        out.append("<tr>")
        for cell in row:
            span = ""
            if cell.get("rowspan", 1) > 1:
                span += f' rowspan="{cell["rowspan"]}"'
            if cell.get("colspan", 1) > 1:
                span += f' colspan="{cell["colspan"]}"'
            if "caption" in cell:
                out.append(f"<td{span}>{t['captions'][cell['caption']]}</td>")
            elif "part" in cell:
                out.append(f"<td{span}><strong>{parts_by_key[cell['part']]['label']}</strong></td>")
            elif "row" in cell:
                out.append(f"<td{span}>{rows_by_key[cell['row']]['label']}</td>")
            elif "column" in cell:
                out.append(f"<td{span}>{cols_by_key[cell['column']]['label']}</td>")
            elif "value" in cell:
                ref = f"{key}.{cell['value']}"
                txt = "" if ref in blanks else fmt_num(v[ref], full_width)
                out.append(f"<td{span}>{txt}</td>")
            elif "values" in cell:
                r = rows_by_key[cell["values"]]
                for c in value_columns(t, r):
                    ref = f"{key}.{r['key']}.{c['key']}"
                    txt = "" if ref in blanks else fmt_num(v[ref], full_width)
                    out.append(f"<td>{txt}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)


# ---- flattened text tables ----

def text_table(fmt, key, v, blanks, full_width, sep, variant):
    """The table as a page copied to text: header lines, then one line per data row."""
    t = table(fmt, key)
    lines = []
    join = {"pipe": " | ", "tab": "\t", "space": "  "}[sep]
    cell = (lambda ref: "" if ref in blanks else fmt_num(v[ref], full_width))
    if sep == "space":
        cell = (lambda ref: "—" if ref in blanks else fmt_num(v[ref], full_width))
    if key == "table2":
        for p in t["parts"]:
            lines.append(p["label"])
            colnames = [c["label"] for c in t["columns"] if c["key"] in p["columns"]]
            lines.append(join.join(["信息内容"] + colnames))
            for r in data_rows(t):
                if r.get("part") != p["key"]:
                    continue
                lines.append(join.join([r["label"]] + [cell(f"table2.{r['key']}.{c['key']}") for c in value_columns(t, r)]))
    elif key == "table3":
        lines.append(t["captions"]["note"] + join + "申请人情况")
        lines.append(join.join(["自然人", "法人或其他组织", "总计"]))
        lines.append(join.join(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]))
        groups = {r["key"]: r["label"] for r in t["rows"]}
        for r in t["rows"]:
            if r.get("kind", "data") == "group":
                if variant != "grouped":
                    lines.append(r["label"])
                continue
            label = r["label"]
            if variant == "grouped" and r.get("parent") and r["parent"] != "results":
                label = groups[r["parent"]] + " " + label
            if variant == "spaced":
                label = " ".join(label[:4]) + label[4:] if sep != "space" else label
            lines.append(join.join([label] + [cell(f"table3.{r['key']}.{c['key']}") for c in value_columns(t, r)]))
    else:
        lines.append(join.join(["行政复议", "行政诉讼"]))
        lines.append(join.join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"]))
        lines.append(join.join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2))
        nums = []
        for g in ("review", "suit_direct", "suit_after_review"):
            for k in ("upheld", "corrected", "other", "pending", "total"):
                nums.append(cell(f"table4.{g}.{k}"))
        lines.append(join.join(nums))
    return "\n".join(lines)


# ---- prose figures ----

FIGURE_SENTENCES = {
    "website_posts": "全年通过政府门户网站发布政府信息{v}条",
    "new_media_posts": "通过“{short}发布”微信公众号发布信息{v}条",
    "policy_interpretations": "围绕重要政策文件发布政策解读{v}篇",
    "applications_received": "本年度共收到政府信息公开申请{v}件",
    "applications_answered": "已依法答复申请{v}件",
    "admin_reviews": "因政府信息公开工作被申请行政复议{v}件",
    "admin_litigation": "被提起行政诉讼{v}件",
    "messages_received": "全年共收到网民留言{v}件",
    "messages_closed": "网民留言已办结{v}件",
    "gazette_issues": "编印《{short}政府公报》{v}期",
    "enforcement_publications": "在双公示平台公示行政处罚信息{v}条",
    "fees": "依据《政府信息公开信息处理费管理办法》收取信息处理费{v}元",
}

ZERO_SENTENCES = {
    "applications_received": "本年度未收到政府信息公开申请",
    "admin_reviews": "本年度未发生因政府信息公开工作被申请行政复议的情况",
    "fees": "本年度没有收取信息处理费",
}

FILLER = [
    "坚持以公开为常态、不公开为例外，围绕中心工作深化政务公开",
    "健全政府信息发布、审核和保密审查机制，做到应公开尽公开",
    "加强政务公开工作人员业务培训，提升工作规范化水平",
    "及时回应社会关切，提高政策知晓度和群众满意度",
]


def prose(items, full_width, rnd):
    """Sentences with the figures; items: list of (kind, value) or (kind, None) for a zero statement."""
    sents = []
    for kind, val, short in items:
        if val is None:
            sents.append(ZERO_SENTENCES[kind])
        else:
            sents.append(FIGURE_SENTENCES[kind].format(v=fmt_num(val, full_width), short=short))
    out = []
    for s in sents:
        out.append(rnd.choice(FILLER) + "。" + s + "。")
    return "".join(out)


def heading(i, odd):
    title = SECTION_TITLES[i]
    if odd == "space_after":
        return title.replace("、", "、 ", 1)
    if odd == "space_inside":
        return title[:2] + title[2:4] + " " + title[4:]
    if odd == "variant":
        return ["一、总体情况", "二、行政机关主动公开政府信息情况", "三、行政机关收到和处理政府信息公开申请情况",
                "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", "五、政府信息公开工作存在的主要问题及改进情况",
                "六、其他需要报告的事项"][i]
    return title


def compose(spec, rnd):
    era = spec["era"]
    year = spec["year"]
    agency = spec["agency"]
    fw = spec.get("full_width", False)
    style = spec["style"]  # html | pipe | tab | space | pdf
    fmt = FORMATS.get(spec.get("table_format", era)) if era != "pre2019" else None
    v = make_values(fmt, rnd, spec.get("zero_apps", False)) if fmt else {}
    for ref, val in spec.get("override", {}).items():
        v[ref] = val
    blanks = set(spec.get("blanks", []))
    short = spec.get("short", agency[:2])
    items = []
    for kind, val in spec.get("figures", []):
        items.append((kind, val, short))
    # Figures that follow the tables unless given.
    title = spec.get("title", f"{agency}{year}年政府信息公开工作年度报告")
    pub = spec.get("published")
    omit = set(spec.get("omit_sections", []))
    tables_omitted = set(spec.get("omit_tables", []))
    odd = spec.get("odd_headings")
    paras = []  # (kind, text) kind: p | h | table
    paras.append(("h", title))
    if pub and spec.get("pub_style") == "labelled":
        paras.append(("p", f"发布日期：{pub}  来源：{short}政府网"))
    paras.append(("p", f"本报告根据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室有关要求编制。"
                       f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"))
    fig_by_section = {"overview": [], "proactive": [], "applications": [], "review_litigation": [], "other": []}
    for it in items:
        k = it[0]
        sec = {"applications_received": "overview", "applications_answered": "overview",
               "admin_reviews": "review_litigation", "admin_litigation": "review_litigation",
               "fees": "other"}.get(k, "overview")
        fig_by_section[sec].append(it)
    for i, key in enumerate(SECTION_KEYS):
        if key in omit:
            continue
        paras.append(("h", heading(i, odd)))
        if key == "overview":
            paras.append(("p", prose(fig_by_section["overview"], fw, rnd) or FILLER[0] + "。"))
        elif key in ("proactive", "applications", "review_litigation") and fmt:
            tkey = {"proactive": "table2", "applications": "table3", "review_litigation": "table4"}[key]
            if fig_by_section.get(key):
                paras.append(("p", prose(fig_by_section[key], fw, rnd)))
            if tkey not in tables_omitted:
                paras.append(("table", tkey))
        elif key == "review_litigation" or key == "proactive" or key == "applications":
            paras.append(("p", prose(fig_by_section.get(key, []), fw, rnd) or FILLER[1] + "。"))
        elif key == "problems":
            paras.append(("p", "一是公开内容的全面性还有待加强；二是政策解读形式比较单一。下一步将进一步完善工作机制。"))
        else:
            paras.append(("p", prose(fig_by_section["other"], fw, rnd) or "无其他需要报告的事项。"))
    sig_date = spec.get("signed")
    paras.append(("p", agency))
    if sig_date:
        paras.append(("p", sig_date))

    variant = spec.get("variant", "")
    if style == "html":
        body = []
        for kind, text in paras:
            if kind == "h":
                body.append(f"<h3>{text}</h3>")
            elif kind == "p":
                body.append(f"<p>{text}</p>")
            else:
                body.append(html_table(fmt, text, v, blanks, fw, {"table2": "表二", "table3": "表三", "table4": "表四"}[text]))
        charset = "gbk" if spec.get("encoding") == "gbk" else "utf-8"
        nav = '<div class="nav"><a href="/">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt; 年度报告</div>'
        doc = (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}_{short}政府网</title>'
               f'<script>var x = "<p>一、总体情况</p>";</script><style>p{{margin:0}}</style></head><body>{nav}'
               f'<div class="content">{"".join(body)}</div><div class="footer">打印 关闭 | 网站地图</div></body></html>')
        if spec.get("truncate"):
            doc = doc[: int(len(doc) * spec["truncate"])]
    else:
        sep = {"pipe": "pipe", "tab": "tab", "space": "space", "pdf": "space"}[style]
        out = []
        if style != "pdf":
            out.append("当前位置：首页 > 政府信息公开 > 年度报告 |")
            out.append("|" * 80)
        for kind, text in paras:
            if kind == "table":
                out.append(text_table(fmt, text, v, blanks, fw, sep, variant))
            else:
                out.append(text)
        if style != "pdf":
            out.append("打印 关闭 | " + "|" * 40)
        doc = "\n".join(out) + "\n"
    return doc, v, blanks


def expected(spec, v, blanks):
    era = spec["era"]
    fmt_era = spec.get("detected_era", spec.get("table_format", era))
    tables_found = [] if era == "pre2019" else [t for t in ("table2", "table3", "table4")
                                                  if t not in spec.get("omit_tables", [])]
    values = {} if era == "pre2019" else {k: x for k, x in v.items()
                                          if k.split(".")[0] in tables_found and k not in blanks}
    return {
        "era": fmt_era,
        "year": spec["year"],
        "agency": spec.get("expect_agency", spec["agency"]),
        "published": spec.get("expect_published", spec.get("published") or spec.get("signed_iso")),
        "sections_missing": sorted(spec.get("omit_sections", [])),
        "tables_found": tables_found,
        "values": values,
        "figures": [{"kind": k, "value": (0 if x is None else x)} for k, x in spec.get("figures", [])],
        "finding_codes": sorted(set(spec.get("codes", []))),
    }


def iso_of(zh):
    y, rest = zh.split("年")
    m, rest = rest.split("月")
    d = rest.rstrip("日")
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


SPECS = [
    # 2021 format, HTML, county government, complete and consistent.
    dict(name="2021-county-gov-html", era="2021", year=2022, agency="平阳县人民政府", style="html",
         signed="2023年3月20日", figures=[("website_posts", 1824), ("new_media_posts", 962), ("policy_interpretations", 57),
                                         ("gazette_issues", 12), ("enforcement_publications", 3310)]),
    dict(name="2021-dept-html-late", era="2021", year=2021, agency="瑞安市教育局", style="html",
         signed="2022年2月15日", figures=[("website_posts", 455), ("policy_interpretations", 14)],
         codes=["late_publication"]),
    dict(name="2021-dept-pipe", era="2021", year=2023, agency="苍南县自然资源和规划局", style="pipe",
         signed="2024年1月18日", figures=[("website_posts", 236), ("messages_received", 88), ("messages_closed", 88)]),
    dict(name="2021-dept-tab", era="2021", year=2022, agency="永嘉县卫生健康局", style="tab",
         signed="2023年1月16日", figures=[("policy_interpretations", 9), ("enforcement_publications", 128)]),
    dict(name="2021-town-space", era="2021", year=2021, agency="鳌江镇人民政府", style="space",
         signed="2022年1月25日", figures=[("website_posts", 96), ("new_media_posts", 210)]),
    dict(name="2021-fullwidth-html", era="2021", year=2022, agency="文成县人民政府办公室", style="html", full_width=True,
         signed="2023年1月28日", figures=[("website_posts", 612), ("gazette_issues", 4)]),
    dict(name="2021-fullwidth-pipe", era="2021", year=2024, agency="泰顺县市场监督管理局", style="pipe", full_width=True,
         signed="2025年1月20日", figures=[("enforcement_publications", 742), ("policy_interpretations", 21)]),
    dict(name="2021-gbk-html", era="2021", year=2022, agency="龙港市人民政府", style="html", encoding="gbk",
         signed="2023年3月28日", figures=[("website_posts", 2210), ("gazette_issues", 6)]),
    dict(name="2021-gbk-text", era="2021", year=2023, agency="洞头区交通运输局", style="tab", encoding="gbk",
         signed="2024年1月30日", figures=[("new_media_posts", 330)]),
    dict(name="2021-missing-sections", era="2021", year=2022, agency="鹿城区民政局", style="pipe",
         signed="2023年1月19日", omit_sections=["problems", "other"], figures=[("website_posts", 144)],
         codes=["section_missing"]),
    dict(name="2021-missing-table4", era="2021", year=2022, agency="龙湾区司法局", style="html",
         signed="2023年1月10日", omit_tables=["table4"], figures=[("website_posts", 301)],
         codes=["table_missing", "section_empty"]),
    dict(name="2021-identity-violation", era="2021", year=2023, agency="瓯海区人力资源和社会保障局", style="html",
         signed="2024年1月22日", override={"table3.r7.total": 999}, figures=[("policy_interpretations", 18)],
         codes=["identity_violation"]),
    dict(name="2021-balance-violation-text", era="2021", year=2022, agency="乐清市住房和城乡建设局", style="pipe",
         signed="2023年1月29日", override={"table3.carry_forward.person": 7}, codes=["identity_violation"]),
    dict(name="2021-prose-contradiction", era="2021", year=2022, agency="永嘉县人民政府", style="html",
         signed="2023年3月15日", figures=[("applications_received", 12345)], codes=["prose_table_mismatch"]),
    dict(name="2021-prose-agrees", era="2021", year=2023, agency="苍南县人民政府", style="pipe",
         signed="2024年3月1日", figures=[("applications_received", "@table3.new.total"),
                                        ("admin_reviews", "@table4.review.total"), ("fees", 400)]),
    dict(name="2021-zero-applications", era="2021", year=2022, agency="泰顺县档案馆", style="html", zero_apps=True,
         signed="2023年1月12日", figures=[("applications_received", None), ("admin_reviews", None)]),
    dict(name="2021-blank-cells", era="2021", year=2022, agency="文成县水利局", style="html",
         signed="2023年1月13日", blanks_zero=6, figures=[("website_posts", 77)]),
    dict(name="2021-spaced-labels", era="2021", year=2022, agency="平阳县应急管理局", style="pipe", variant="spaced",
         signed="2023年1月9日", odd_headings="space_inside", figures=[("website_posts", 59)]),
    dict(name="2021-grouped-labels", era="2021", year=2022, agency="瑞安市财政局", style="tab", variant="grouped",
         signed="2023年1月11日", odd_headings="space_after", figures=[("policy_interpretations", 33)]),
    dict(name="2021-labelled-date", era="2021", year=2023, agency="温州市生态环境局", style="html",
         published="2024-01-26", pub_style="labelled", figures=[("enforcement_publications", 96)]),
    dict(name="2021-pdf", era="2021", year=2022, agency="洞头区人民政府", style="pdf",
         signed="2023年3月10日", figures=[("website_posts", 1290), ("gazette_issues", 4)]),
    # 2019 format (reports for 2019 and 2020).
    dict(name="2019-county-html", era="2019", year=2020, agency="永嘉县人民政府", style="html", odd_headings="variant",
         signed="2021年3月5日", figures=[("website_posts", 3012), ("policy_interpretations", 87)]),
    dict(name="2019-dept-pipe", era="2019", year=2019, agency="乐清市公安局", style="pipe",
         signed="2020年1月21日", figures=[("enforcement_publications", 5120)]),
    dict(name="2019-dept-space-gbk", era="2019", year=2020, agency="鹿城区教育局", style="space", encoding="gbk",
         signed="2021年1月25日", figures=[("website_posts", 410)]),
    dict(name="2019-missing-table2", era="2019", year=2019, agency="瓯海区商务局", style="html", omit_tables=["table2"],
         signed="2020年1月17日", codes=["table_missing", "section_empty"], figures=[("website_posts", 66)]),
    dict(name="2019-pdf", era="2019", year=2020, agency="龙湾区人民政府", style="pdf",
         signed="2021年3月22日", figures=[("website_posts", 980)]),
    dict(name="2019-format-in-2021", era="2021", table_format="2019", detected_era="2019", year=2021,
         agency="瑞安市文化和广电旅游体育局", style="html", signed="2022年1月27日", codes=["format_mismatch"],
         figures=[("website_posts", 120)]),
    # Free form before 2019.
    dict(name="pre2019-county-text", era="pre2019", year=2017, agency="平阳县人民政府", style="pipe",
         signed="2018年3月20日", figures=[("website_posts", 2051), ("applications_received", 37), ("admin_reviews", 1),
                                         ("fees", None)]),
    dict(name="pre2019-dept-html-late", era="pre2019", year=2016, agency="苍南县林业局", style="html",
         signed="2017年4月12日", figures=[("website_posts", 230), ("applications_received", None)],
         codes=["late_publication"]),
]


def main():
    rnd = random.Random(20261122)
    os.makedirs(OUT, exist_ok=True)
    have_pango = shutil.which("pango-view") is not None
    for spec in SPECS:
        name = spec["name"]
        if spec.get("signed"):
            spec["signed_iso"] = iso_of(spec["signed"])
        # Figures tied to table cells: resolved after the values are made (same seed order).
        state = rnd.getstate()
        _, v0, _ = compose(dict(spec, figures=[]), rnd)
        rnd.setstate(state)
        figs = []
        for k, x in spec.get("figures", []):
            if isinstance(x, str) and x.startswith("@"):
                x = v0[x[1:]]
            figs.append((k, x))
        spec["figures"] = figs
        if spec.get("blanks_zero"):
            zeros = sorted(r for r, x in v0.items() if x == 0 and r.startswith("table3."))
            spec["blanks"] = zeros[: spec["blanks_zero"]]
        doc, v, blanks = compose(spec, rnd)
        assert v == v0, name
        exp = expected(spec, v, blanks)
        if spec["era"] == "pre2019":
            exp["sections_missing"] = sorted(spec.get("omit_sections", []))
        if spec.get("style") == "pdf":
            if not have_pango:
                print("skip (no pango-view):", name)
                continue
            txt = os.path.join(OUT, name + ".tmp.txt")
            open(txt, "w", encoding="utf-8").write(doc)
            subprocess.run(["pango-view", "--no-display", "--font=Noto Sans CJK SC 8", "--width=1400", "--margin=20",
                            "--output=" + os.path.join(OUT, name + ".pdf"), txt], check=True)
            os.remove(txt)
        else:
            ext = ".html" if spec["style"] == "html" else ".txt"
            data = doc.encode("gbk" if spec.get("encoding") == "gbk" else "utf-8")
            open(os.path.join(OUT, name + ext), "wb").write(data)
        if spec.get("custom_expect"):
            continue  # written by hand
        json.dump(exp, open(os.path.join(OUT, name + ".expected.json"), "w", encoding="utf-8"), ensure_ascii=False,
                  indent=1, sort_keys=True)
        print("wrote", name)


if __name__ == "__main__":
    sys.exit(main())
