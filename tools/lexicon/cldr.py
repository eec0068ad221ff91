"""Names from Unicode CLDR in both languages: countries and regions,
languages, scripts, cities (time-zone exemplar cities), months, days and
the calendar's units. Paired through their CLDR codes, so these entries
are certain; pairs spelt alike in both languages are left out (the index
matches them already)."""

from induce import fold
from sources import read_json


def _pairs(fr, en):
    """(French, English) for the codes both languages name, spelt apart
    once accents are folded; qualified names (`Vevay [Indiana]`) left out."""
    out = []
    for code in sorted(fr):
        if code not in en or any(c in fr[code] + en[code] for c in "[](),"):
            continue
        if fold(fr[code]).lower() != fold(en[code]).lower():
            out.append((fr[code], en[code]))
    return out


def _locale_names(cache, kind):
    def names(lang):
        data = read_json("cldr-localenames-full", f"main/{lang}/{kind}.json", cache)
        table = data["main"][lang]["localeDisplayNames"][kind]
        # "-alt-short"/"-alt-variant" codes are alternative names of the same thing
        return {code: name for code, name in table.items() if "-alt-" not in code}

    return _pairs(names("fr"), names("en"))


def _cities(cache):
    def names(lang):
        data = read_json("cldr-dates-full", f"main/{lang}/timeZoneNames.json", cache)
        zones = data["main"][lang]["dates"]["timeZoneNames"]["zone"]
        found = {}

        def walk(node, path):
            if isinstance(node, dict) and "exemplarCity" in node:
                found[path] = node["exemplarCity"]
            elif isinstance(node, dict):
                for key, child in node.items():
                    walk(child, f"{path}/{key}")

        walk(zones, "")
        return found

    fr, en = names("fr"), names("en")
    # English names a city by its time-zone id when CLDR has no exemplar
    for path in fr:
        en.setdefault(path, path.rsplit("/", 1)[-1].replace("_", " "))
    return _pairs(fr, en)


def _calendar(cache):
    def names(lang):
        data = read_json("cldr-dates-full", f"main/{lang}/ca-gregorian.json", cache)
        calendar = data["main"][lang]["dates"]["calendars"]["gregorian"]
        found = {f"month{k}": v for k, v in calendar["months"]["format"]["wide"].items()}
        found.update({f"day-{k}": v for k, v in calendar["days"]["format"]["wide"].items()})
        fields = read_json("cldr-dates-full", f"main/{lang}/dateFields.json", cache)["main"][lang]["dates"]["fields"]
        for unit in ["era", "year", "quarter", "month", "week", "day", "hour", "minute", "second", "zone", "weekday", "dayperiod"]:
            if unit in fields and "displayName" in fields[unit]:
                found[f"unit-{unit}"] = fields[unit]["displayName"]
        for unit in ["year", "month", "week", "day"]:
            for rel in ["-1", "0", "1"]:
                value = fields.get(unit, {}).get(f"relative-type-{rel}")
                if value:
                    found[f"rel-{unit}{rel}"] = value.replace("’", "'")
        return found

    return _pairs(names("fr"), names("en"))


def names(cache):
    """(French, English, kind) of every CLDR name pair used."""
    out = []
    for kind in ["territories", "languages", "scripts"]:
        out += [(fr, en, kind) for fr, en in _locale_names(cache, kind)]
    out += [(fr, en, "cities") for fr, en in _cities(cache)]
    out += [(fr, en, "calendar") for fr, en in _calendar(cache)]
    return out
