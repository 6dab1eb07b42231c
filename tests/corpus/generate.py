#!/usr/bin/env python3
"""Writes the bad-input corpus's data files (tests/corpus/*/). Run from the repository root.

The expectations are in tests/corpus/expectations.txt; the test is tests/testsuite/corpus.rs.
Three inputs are too large to keep in git and are made by the test itself: a 50 MB deal
file, a deal nested 100,000 deep, and a zip bomb.
"""
import io, json, os, zipfile

ROOT = os.path.join("tests", "corpus")


def write(rel, data):
    path = os.path.join(ROOT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)


def deal(extra=None, **sections):
    """A small valid deal (pretty-printed, one key per line) with `sections` merged in."""
    d = {
        "schema_version": 1,
        "deal": {
            "id": "corpus-deal",
            "title": "Corpus",
            "effective_date": "2027-01-01",
            "term_months": 36,
            "customer": {"legal_name": "Customer plc"},
            "vendor": {"legal_name": "Vendor Inc."},
        },
    }
    for k, v in sections.items():
        if isinstance(v, dict) and isinstance(d.get(k), dict):
            d[k].update(v)
        else:
            d[k] = v
    if extra:
        d.update(extra)
    return json.dumps(d, indent=2) + "\n"


GOOD = deal()
write("base/deal.json", GOOD)

# --- syntax ---------------------------------------------------------------------------
write("syntax/truncated.json", GOOD[: len(GOOD) // 2])
write("syntax/trailing-comma-object.json", GOOD.replace('"Corpus"', '"Corpus",', 1))
write("syntax/trailing-comma-array.json", deal(data={"residency": ["EU"]}).replace('"EU"', '"EU",'))
write("syntax/line-comment.json", GOOD.replace('"schema_version": 1,', '"schema_version": 1, // the format', 1))
write("syntax/block-comment.json", GOOD.replace('"deal": {', '/* the deal */ "deal": {', 1))
write("syntax/nan.json", deal(sla={"uptime_pct": 0}).replace('"uptime_pct": 0', '"uptime_pct": NaN'))
write("syntax/infinity.json", deal(sla={"uptime_pct": 0}).replace('"uptime_pct": 0', '"uptime_pct": Infinity'))
write("syntax/single-quotes.json", GOOD.replace('"Corpus"', "'Corpus'"))
write("syntax/unquoted-key.json", GOOD.replace('"title"', "title"))
write("syntax/raw-newline-in-string.json", GOOD.replace('"Corpus"', '"Cor\npus"'))
write("syntax/bad-escape.json", GOOD.replace('"Corpus"', '"Corpus \\x41"'))
write("syntax/lone-surrogate.json", GOOD.replace('"Corpus"', '"Corpus \\ud800"'))
write("syntax/two-values.json", GOOD + "{}\n")
write("syntax/hex-number.json", GOOD.replace('"term_months": 36', '"term_months": 0x24'))
write("syntax/leading-zero.json", GOOD.replace('"term_months": 36', '"term_months": 036'))
write("syntax/number-overflow.json", GOOD.replace('"term_months": 36', '"term_months": 1e400'))
write("syntax/empty.json", "")
write("syntax/whitespace-only.json", "  \n\t\n")
write("syntax/top-level-array.json", "[\n" + GOOD + "]\n")
write("syntax/top-level-string.json", '"a deal"\n')
write("syntax/top-level-null.json", "null\n")
write("syntax/nested-129.json", '{"schema_version": 1, "x": ' + "[" * 129 + "]" * 129 + "}\n")
write("syntax/duplicate-key-top.json", GOOD.replace('"schema_version": 1,', '"schema_version": 1,\n  "schema_version": 1,', 1))
write("syntax/duplicate-key-nested.json", GOOD.replace('"term_months": 36,', '"term_months": 36,\n    "term_months": 12,', 1))
write(
    "syntax/duplicate-key-unit-override.json",
    deal(business_units=[{"id": "retail", "name": "Retail", "overrides": {"sla": {"uptime_pct": 99.9}}}]).replace(
        '"uptime_pct": 99.9', '"uptime_pct": 99.9,\n          "uptime_pct": 99.5'
    ),
)

# --- encodings ------------------------------------------------------------------------
write("encoding/utf16le-bom.json", GOOD.encode("utf-16"))  # BOM, little-endian
write("encoding/utf16be-bom.json", b"\xfe\xff" + GOOD.encode("utf-16-be"))
write("encoding/utf16le-no-bom.json", GOOD.encode("utf-16-le"))
write("encoding/utf32-bom.json", GOOD.encode("utf-32"))
write("encoding/latin1.json", GOOD.replace('"Customer plc"', '"Soci\u00e9t\u00e9 G\u00e9n\u00e9rale"').encode("latin-1"))
write("encoding/invalid-utf8-line-5.json", GOOD.encode().replace(b'"Corpus"', b'"Corpus \xff\xfe"'))
write("encoding/utf8-bom-then-syntax-error.json", b"\xef\xbb\xbf" + GOOD.replace('"Corpus"', '"Corpus",', 1).encode())
write("encoding/nul-byte.json", GOOD.replace('"Corpus"', '"Corpus\x00"'))

# --- wrong types ----------------------------------------------------------------------
write("types/schema-version-string.json", GOOD.replace('"schema_version": 1', '"schema_version": "1"'))
write("types/deal-array.json", json.dumps({"schema_version": 1, "deal": [{"id": "x"}]}, indent=2))
write("types/uptime-string.json", deal(sla={"uptime_pct": "99.9"}))
write("types/term-fraction.json", GOOD.replace('"term_months": 36', '"term_months": 12.5'))
write("types/credit-tiers-object.json", deal(sla={"credit_tiers": {"below_pct": 99, "credit_pct": 10}}))
write("types/flag-string.json", deal(support={"named_support_engineer": "yes"}))
write("types/services-string.json", GOOD.replace('"title": "Corpus",', '"title": "Corpus",\n    "services": "ChatGPT",'))
write("types/null-id.json", GOOD.replace('"id": "corpus-deal"', '"id": null'))

# --- out of range ---------------------------------------------------------------------
write("range/uptime-100.json", deal(sla={"uptime_pct": 100}))
write("range/term-negative.json", GOOD.replace('"term_months": 36', '"term_months": -12'))
write("range/term-huge.json", GOOD.replace('"term_months": 36', '"term_months": 18446744073709551616'))
write("range/credit-150.json", deal(sla={"credit_tiers": [{"below_pct": 99.9, "credit_pct": 150}]}))
write("range/rca-days-zero.json", deal(sla={"rca_days": 0}))
write("range/date-not-real.json", GOOD.replace("2027-01-01", "2027-02-30"))
write("range/currency-unknown.json", GOOD.replace('"title": "Corpus",', '"title": "Corpus",\n    "annual_commitment": {"amount": 1000, "currency": "USX"},'))

# --- cross-field ----------------------------------------------------------------------
write("cross/tiers-not-falling.json", deal(sla={"credit_tiers": [{"below_pct": 99, "credit_pct": 10}, {"below_pct": 99.5, "credit_pct": 25}]}))
write("cross/severity-twice.json", deal(support={"severities": [
    {"level": "P1", "definition": "Down", "response_minutes": 30, "update_minutes": 60},
    {"level": "P1", "definition": "Down again", "response_minutes": 60, "update_minutes": 120}]}))
write("cross/chronic-failure.json", deal(sla={"chronic_failure": {"breaches": 7, "window_months": 6}}))
write("cross/pilot-vs-term.json", deal(exit={"pilot": {"days": 120, "opt_out": True, "full_support": True}}).replace('"term_months": 36', '"term_months": 3'))
write("cross/training-after-term.json", deal(training={"sessions": [{"kind": "end_user", "title": "T", "count": 1, "format": "virtual", "audience": "all", "hours_each": 1, "due": {"by": "2031-01-01"}}]}))
write("cross/reserved-on-deal.json", deal(commercial={"rate_limits": {"requests_per_minute": 3000, "tokens_per_minute": 800000}, "reserved_rate_limits": {"requests_per_minute": 500}}))

# --- unknown and misspelt fields ------------------------------------------------------
write("fields/unknown-top-level.json", deal(extra={"sla_terms": {}}))
write("fields/misspelt-field.json", deal(sla={"uptime_pc": 99.9}))
write("fields/misspelt-enum.json", GOOD.replace('"term_months": 36,', '"term_months": 36,\n    "stance": "prefered",'))
write("fields/schema-version-2.json", GOOD.replace('"schema_version": 1', '"schema_version": 2'))
write("fields/missing-deal.json", '{\n  "schema_version": 1\n}\n')

# --- business units -------------------------------------------------------------------
unit = lambda **kw: [dict({"id": "retail", "name": "Retail"}, **kw)]
write("units/override-out-of-range.json", deal(business_units=unit(overrides={"sla": {"uptime_pct": 101}})))
write("units/override-unknown-field.json", deal(business_units=unit(overrides={"sla": {"uptime": 99}})))
write("units/override-wrong-type.json", deal(business_units=unit(overrides={"support": {"languages": "English"}})))
write("units/override-deal-id.json", deal(business_units=unit(overrides={"deal": {"id": "other"}})))
LIMITS = {"rate_limits": {"requests_per_minute": 3000, "tokens_per_minute": 800000}}
write("units/override-rate-limits.json", deal(commercial=LIMITS, business_units=unit(overrides={"commercial": {"rate_limits": {"requests_per_minute": 500}}})))
write("units/reserved-above-limit.json", deal(commercial=LIMITS, business_units=unit(overrides={"commercial": {"reserved_rate_limits": {"requests_per_minute": 5000}}})))
write("units/reservations-over-limit.json", deal(commercial=LIMITS, business_units=[{"id": "retail", "name": "Retail", "overrides": {"commercial": {"reserved_rate_limits": {"requests_per_minute": 2000}}}}, {"id": "markets", "name": "Markets", "overrides": {"commercial": {"reserved_rate_limits": {"requests_per_minute": 2000}}}}]))
write("units/ids-twice.json", deal(business_units=[{"id": "retail", "name": "A"}, {"id": "retail", "name": "B"}]))
write("units/overrides-not-object.json", deal(business_units=unit(overrides=[1, 2])))

# --- unsafe ids -----------------------------------------------------------------------
write("ids/deal-id-traversal.json", GOOD.replace('"corpus-deal"', '"../../etc/passwd"'))
write("ids/deal-id-absolute.json", GOOD.replace('"corpus-deal"', '"/tmp/x"'))
write("ids/deal-id-empty.json", GOOD.replace('"corpus-deal"', '""'))
write("ids/deal-id-dotdot.json", GOOD.replace('"corpus-deal"', '".."'))
write("ids/unit-id-traversal.json", deal(business_units=[{"id": "../retail", "name": "A"}]))
write("ids/deal-id-control-char.json", GOOD.replace('"corpus-deal"', '"corpus\\u0000deal"'))

# --- clause parameters (positions) ----------------------------------------------------
write("params/position-unknown-clause.json", deal(positions={"sla.credits": "fallback"}))
write("params/position-unknown-stance.json", deal(positions={"sla.service_credits": "aggressive"}))
write("params/positions-not-object.json", deal(positions=["sla.service_credits"]))

# --- CSV units ------------------------------------------------------------------------
write("csv/not-a-number.csv", "id,name,sla.uptime_pct\nretail,Retail,99.9\nmarkets,Markets,abc\n")
write("csv/out-of-range.csv", "id,name,sla.uptime_pct\nretail,Retail,101\n")
write("csv/unsafe-id.csv", "id,name\n../../etc,Escape\n")
write("csv/unknown-column.csv", "id,name,sla.uptime\nretail,Retail,99.9\n")
write("csv/no-id-column.csv", "name,sla.uptime_pct\nRetail,99.9\n")
write("csv/not-utf8.csv", b"id,name\nretail,Soci\xe9t\xe9\n")
write("csv/ragged-row.csv", "id,name,sla.uptime_pct\nretail,Retail\n")

# --- broken Word files ----------------------------------------------------------------
def docx(parts, compress=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compress) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


BODY = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:body></w:document>")
write("docx/not-a-zip.docx", "This is a Word file, honestly.\n")
write("docx/empty.docx", b"")
write("docx/no-document-xml.docx", docx({"word/styles.xml": "<w:styles/>"}))
write("docx/truncated.docx", docx({"word/document.xml": BODY.format("Hello " * 200)})[:150])
write("docx/entity-expansion.docx", docx({"word/document.xml":
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
    + ']>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'}))
write("docx/external-entity.docx", docx({"word/document.xml":
    '<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>'}))
write("docx/malformed-xml.docx", docx({"word/document.xml": BODY.format("Hello").replace("</w:r>", "", 1)}))
write("docx/document-not-utf8.docx", docx({"word/document.xml": BODY.format("Soci\u00e9t\u00e9").encode("latin-1")}))
write("docx/unknown-entity.docx", docx({"word/document.xml": BODY.format("Fees &euro; 10")}))
