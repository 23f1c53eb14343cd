"""The sandbox's dataset: deterministic, realistic Piriod customers and products.

The local sandbox server serves these records in place of a real workspace, so `make demo`
and the tests see data shaped like production: mostly Chilean companies with valid RUTs,
customers across Latin America and the US, both timestamp styles the API sends, and the odd
null and empty string. Records come from random generators seeded by (seed, kind, test mode,
block of positions), so a dataset is the same on every machine and run, and item i does not
depend on how many items are generated. Every value of every enum in openapi.yaml appears
within the first 20 customers and the first 10 products.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, NamedTuple, TypeVar

import attrs

__all__ = [
    "CustomerRecord",
    "format_rut",
    "is_valid_rut",
    "iter_customers",
    "iter_products",
    "rut_check_digit",
]

T = TypeVar("T")


@attrs.frozen
class CustomerRecord:
    """A customer as the API serves it, plus what the server needs to filter it."""

    data: dict[str, Any]
    subscriptions: tuple[str, ...]


# ---------------------------------------------------------------------------------------------
# RUT, Chile's tax id: a number and a mod-11 check digit.


def rut_check_digit(number: int) -> str:
    """The check digit of a RUT number: '0'-'9' or 'K'."""
    if number <= 0:
        raise ValueError(f"a RUT number is positive, got {number}")
    total, factor = 0, 2
    while number:
        number, digit = divmod(number, 10)
        total += digit * factor
        factor = 2 if factor == 7 else factor + 1
    return "0K987654321"[total % 11]  # the digit is 11 - remainder, with 11 -> 0 and 10 -> K


def format_rut(number: int) -> str:
    """A RUT as Chileans write it: '76.086.428-5'."""
    return f"{number:,}".replace(",", ".") + "-" + rut_check_digit(number)


_RUT = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+)-([0-9K])")


def is_valid_rut(rut: str) -> bool:
    """Whether `rut` ('76.086.428-5', '76086428-5', '76086428-k') has the right check digit."""
    match = _RUT.fullmatch(rut.strip().upper())
    if match is None:
        return False
    number = int(match.group(1).replace(".", ""))
    return number > 0 and rut_check_digit(number) == match.group(2)


# ---------------------------------------------------------------------------------------------
# Building blocks.


# Items draw from one generator per block of positions, seeded by the block's number: item i
# then depends only on the items before it in its block, never on `count`, and seeding (as
# slow as generating a tenth of a customer) happens once per block instead of once per item.
_BLOCK = 100


def _rng(*parts: object) -> random.Random:
    # A str seed is hashed with SHA-512, so it seeds identically on every machine and run
    # (unlike hash(), which is salted per process).
    return random.Random(":".join(map(str, parts)))  # noqa: S311 (sample data, not secrets)


def _by_weight(pairs: Iterable[tuple[T, int]]) -> tuple[T, ...]:
    """Each choice repeated `weight` times, so that `rng.choice` picks by weight in one draw."""
    return tuple(item for item, weight in pairs for _ in range(weight))


def _between(rng: random.Random, low: int, high: int) -> int:
    """A whole number in [low, high): one draw, so faster than randrange and as deterministic."""
    return low + int(rng.random() * (high - low))


class _Digits:
    """A pattern whose '#' marks become random digits, e.g. '+56 9 #### ####'."""

    def __init__(self, pattern: str) -> None:
        self._template = pattern.replace("%", "%%").replace("#", "%s")
        self._limit = 10 ** pattern.count("#")

    def fill(self, rng: random.Random) -> str:
        # The first '#' is never 0: zip codes and local numbers do not start with one.
        return self._template % tuple(str(_between(rng, self._limit // 10, self._limit)))


_SLUG_DROP = str.maketrans("", "", " .,'-&/()")


@functools.cache  # names come from small tables, so this stays small and saves most calls
def _slug(text: str) -> str:
    """Lower-case ASCII without spaces or punctuation, for e-mail addresses and domains."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return ascii_text.lower().translate(_SLUG_DROP)


def _slug_words(text: str) -> list[str]:
    return [slug for slug in map(_slug, text.split()) if slug]


_MASK64 = (1 << 64) - 1
_BASE32_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def _mix64(value: int) -> int:
    """splitmix64's finaliser: a bijection on 64-bit integers that scatters neighbours."""
    value = ((value ^ (value >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    value = ((value ^ (value >> 27)) * 0x94D049BB133111EB) & _MASK64
    return value ^ (value >> 31)


_BASE32_PAIRS = tuple(a + b for a in _BASE32_DIGITS for b in _BASE32_DIGITS)


class _Ids:
    """Ids like `cus_KQ3D7ZP2MXA4BH`: 14 base32 characters, never repeated within a dataset.

    The low 64 bits are a bijection of the item's position, so ids stay unique however many
    items are generated; the top bit is the test-mode flag (live ids start with A-P, test-mode
    ids with Q-Z or 2-7), so live and test-mode ids never collide.
    """

    def __init__(self, seed: int, test_mode: bool, prefixes: Iterable[str]) -> None:
        self._mode_bit = int(test_mode) << 69
        self._keys = {prefix: _rng(seed, "ids", prefix).getrandbits(64) for prefix in prefixes}

    def make(self, prefix: str, position: int, rng: random.Random) -> str:
        key = self._keys[prefix]
        value = self._mode_bit | rng.getrandbits(5) << 64 | _mix64(position ^ key)
        pairs = _BASE32_PAIRS  # two characters (10 bits) at a time, spelled out for speed
        return (
            f"{prefix}_{pairs[value >> 60]}{pairs[value >> 50 & 1023]}{pairs[value >> 40 & 1023]}"
            f"{pairs[value >> 30 & 1023]}{pairs[value >> 20 & 1023]}{pairs[value >> 10 & 1023]}"
            f"{pairs[value & 1023]}"
        )


# Moments are integer microseconds since 1970 (UTC), so they compare and format exactly.
_MICROS = 1_000_000
_EPOCH = dt.datetime(1970, 1, 1)


def _micros(year: int, month: int, day: int) -> int:
    return (dt.datetime(year, month, day) - _EPOCH) // dt.timedelta(microseconds=1)


_START = _micros(2019, 1, 1)
_END = _micros(2026, 11, 1)


def _later(rng: random.Random, moment: int, *, same_chance: float = 0.3) -> int:
    """A moment at or after `moment` and before the end of the dataset's time range."""
    if rng.random() < same_chance or moment >= _END - _MICROS:
        return moment
    return _between(rng, moment + _MICROS, _END)


# Formatting through datetime costs several microseconds per timestamp, too slow for
# 100,000 customers, so dates and clock times come from tables covering the whole range.
_DAY = 86_400 * _MICROS
_FIRST_DAY = _START // _DAY - 1  # Chilean local time reaches back into 2018-12-31
_DAYS = [_EPOCH.date() + dt.timedelta(days=day) for day in range(_FIRST_DAY, _END // _DAY + 1)]
_DATES = tuple(f"{day.isoformat()}T" for day in _DAYS)
# Chile is on UTC-4 in the southern winter and UTC-3 otherwise; the exact change-over
# Sunday does not matter for sample data.
_CHILE_OFFSETS = tuple((4, "-04:00") if 4 <= day.month <= 8 else (3, "-03:00") for day in _DAYS)
_HOURS_AND_MINUTES = tuple(
    f"{hour:02d}:{minute:02d}:" for hour in range(24) for minute in range(60)
)
_SECONDS = tuple(f"{second:02d}" for second in range(60))
del _DAYS


def _timestamp(micros: int, chilean: bool) -> str:
    """'2024-03-14T12:30:00Z' or '2020-10-15T13:26:15.356289-03:00': the API sends both."""
    if not chilean:
        return _date_and_time(micros) + "Z"
    hours, suffix = _CHILE_OFFSETS[micros // _DAY - _FIRST_DAY]
    local = micros - hours * 3600 * _MICROS
    return _date_and_time(local) + "." + str(local % _MICROS + _MICROS)[1:] + suffix


def _date_and_time(micros: int) -> str:
    days, second_of_day = divmod(micros // _MICROS, 86_400)
    minute, second = divmod(second_of_day, 60)
    return _DATES[days - _FIRST_DAY] + _HOURS_AND_MINUTES[minute] + _SECONDS[second]


# Minor units per US dollar, as integers so that amounts are exact on every machine.
_MINOR_PER_USD = {
    "CLP": 950,
    "COP": 4000,
    "MXN": 1700,
    "PEN": 375,
    "ARS": 100_000,
    "UYU": 4000,
    "BRL": 550,
    "USD": 100,
}
_WHOLE_CURRENCIES = frozenset({"CLP", "COP"})


def _money(minor: int, currency: str) -> int | float:
    """A JSON number: whole pesos for CLP and COP, two decimals for everything else."""
    return minor if currency in _WHOLE_CURRENCIES else minor / 100


# ---------------------------------------------------------------------------------------------
# Persons and companies, and their tax ids (each with its country's real check digits).


class _Party(NamedTuple):  # not attrs: a frozen attrs class is several times slower to build
    """A person or a company, and the names derived from it."""

    name: str
    is_person: bool
    given: str  # empty for a company
    surname: str
    second_surname: str
    trade_name: str  # a company's name without its legal form; empty for a person
    domain: str  # a company's web domain; empty for a person
    email_name: str  # a person's e-mail local part ("maria.gonzalez"); empty for a company


def _company(trade_name: str, legal_form: str, domain_suffix: str) -> _Party:
    domain = _slug(trade_name) + domain_suffix
    return _Party(f"{trade_name} {legal_form}", False, "", "", "", trade_name, domain, "")


def _person(given: str, surname: str, second_surname: str) -> _Party:
    name = f"{given} {surname} {second_surname}".rstrip()
    email_name = f"{_first_name_slug(given)}.{_slug(surname)}"
    return _Party(name, True, given, surname, second_surname, "", "", email_name)


@functools.cache
def _first_name_slug(given_names: str) -> str:
    return _slug(given_names.split(maxsplit=1)[0])


def _weighted_sum(digits: Sequence[int], weights: Sequence[int]) -> int:
    return sum(d * w for d, w in zip(digits, weights, strict=True))


def _digits_of(number: int, width: int) -> list[int]:
    return [int(c) for c in f"{number:0{width}d}"]


def _chile_tax_id(rng: random.Random, party: _Party) -> str:
    # Companies registered since the 1990s have RUTs in the 76-78 million range.
    if party.is_person:
        return format_rut(_between(rng, 5_000_000, 25_000_000))
    return format_rut(_between(rng, 76_000_000, 79_000_000))


_RFC_SKIP = frozenset({"de", "del", "la", "las", "los", "el", "y"})
_HOMOCLAVE = "ABCDEFGHJKLMNPRSTUVWXYZ123456789"


def _mexico_tax_id(rng: random.Random, party: _Party) -> str:
    """An RFC: letters from the name, a date (founding or birth) and a 3-character homoclave."""
    if party.is_person:
        second = _slug(party.second_surname)[:1] or "x"
        letters = _slug(party.surname)[:2] + second + _slug(party.given)[:1]
        year = _between(rng, 1960, 2001)
    else:
        words = [word for word in _slug_words(party.trade_name) if word not in _RFC_SKIP]
        if len(words) >= 3:
            letters = "".join(word[0] for word in words[:3])
        elif len(words) == 2:
            letters = words[0][0] + words[1][:2]
        else:
            letters = (words[0] + "xxx")[:3]
        year = _between(rng, 1985, 2021)
    date = f"{year % 100:02d}{_between(rng, 1, 13):02d}{_between(rng, 1, 29):02d}"
    homoclave = rng.choice(_HOMOCLAVE) + rng.choice(_HOMOCLAVE) + rng.choice("0123456789A")
    return letters.upper() + date + homoclave


_NIT_WEIGHTS = (71, 67, 59, 53, 47, 43, 41, 37, 29, 23, 19, 17, 13, 7, 3)


def _colombia_tax_id(rng: random.Random, party: _Party) -> str:
    """A NIT with its DIAN check digit: 900... for companies, the cédula for persons."""
    if party.is_person:
        number = _between(rng, 10_000_000, 1_200_000_000)
    else:
        number = _between(rng, 900_000_000, 901_800_000)
    remainder = _weighted_sum(_digits_of(number, 15), _NIT_WEIGHTS) % 11
    return f"{number}-{remainder if remainder < 2 else 11 - remainder}"


_MOD11_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _peru_tax_id(rng: random.Random, party: _Party) -> str:
    """A RUC: 20 and 8 digits for companies, 10 and the DNI for persons, then a check digit."""
    prefix = 10 if party.is_person else 20
    body = prefix * 10**8 + _between(rng, 10_000_000, 80_000_000)
    check = 11 - _weighted_sum(_digits_of(body, 10), _MOD11_WEIGHTS) % 11
    return f"{body}{check % 10}"


def _argentina_tax_id(rng: random.Random, party: _Party) -> str:
    """A CUIT: 30 (companies) or 20/27 (persons), eight digits and a check digit."""
    while True:
        if party.is_person:
            prefix, number = rng.choice((20, 27)), _between(rng, 20_000_000, 45_000_000)
        else:
            prefix, number = 30, _between(rng, 50_000_000, 72_000_000)
        check = 11 - _weighted_sum(_digits_of(prefix * 10**8 + number, 10), _MOD11_WEIGHTS) % 11
        if check != 10:  # never issued: AFIP changes the prefix instead
            return f"{prefix}-{number}-{check % 11}"


_UY_RUT_WEIGHTS = (4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2)
_UY_CI_WEIGHTS = (2, 9, 8, 7, 6, 3, 4)


def _uruguay_tax_id(rng: random.Random, party: _Party) -> str:
    """A 12-digit RUT for companies, a cédula ('4.123.456-7') for persons."""
    if party.is_person:
        number = _between(rng, 1_000_000, 6_500_000)
        check = (10 - _weighted_sum(_digits_of(number, 7), _UY_CI_WEIGHTS) % 10) % 10
        return f"{number:,}".replace(",", ".") + f"-{check}"
    while True:
        body = 21 * 10**9 + _between(rng, 0, 10**6) * 1000 + 1
        check = 11 - _weighted_sum(_digits_of(body, 11), _UY_RUT_WEIGHTS) % 11
        if check != 10:  # never issued
            return f"{body}{check % 11}"


def _with_brazil_check_digits(digits: list[int]) -> str:
    """CPF (9 digits) or CNPJ (12 digits) followed by its two mod-11 check digits."""
    for _ in range(2):
        size = len(digits)
        if size < 11:  # CPF: weights count down to 2
            weights = list(range(size + 1, 1, -1))
        else:  # CNPJ: 2..9, repeating from the right
            weights = [2 + (size - 1 - i) % 8 for i in range(size)]
        remainder = _weighted_sum(digits, weights) % 11
        digits = [*digits, 0 if remainder < 2 else 11 - remainder]
    return "".join(map(str, digits))


def _brazil_tax_id(rng: random.Random, party: _Party) -> str:
    """A CNPJ ('12.345.678/0001-95') for companies, a CPF ('123.456.789-09') for persons."""
    if party.is_person:
        text = _with_brazil_check_digits(_digits_of(_between(rng, 10**8, 10**9), 9))
        return f"{text[:3]}.{text[3:6]}.{text[6:9]}-{text[9:]}"
    text = _with_brazil_check_digits([*_digits_of(_between(rng, 10**7, 10**8), 8), 0, 0, 0, 1])
    return f"{text[:2]}.{text[2:5]}.{text[5:8]}/{text[8:12]}-{text[12:]}"


_EIN_PREFIXES = (12, 20, 26, 27, 30, 45, 46, 47, 81, 82, 83, 84, 85, 86, 87, 88, 90, 91, 92, 93)


def _us_tax_id(rng: random.Random, party: _Party) -> str | None:
    """An EIN for companies; a person's SSN is never shared, so persons have none."""
    if party.is_person:
        return None
    return f"{rng.choice(_EIN_PREFIXES)}-{_between(rng, 0, 10**7):07d}"


# ---------------------------------------------------------------------------------------------
# Countries, names and places.


@attrs.frozen
class _Language:
    given_names: tuple[str, ...]
    surnames: tuple[str, ...]
    second_surname_chance: float
    orgunits: tuple[str | None, ...]  # repeated entries are the common ones
    mailboxes: tuple[str, ...]
    # (name, e-mail local part) of every given name and surname pair, for contacts
    people: tuple[tuple[str, str], ...] = attrs.field(init=False)

    @people.default
    def _every_person(self) -> tuple[tuple[str, str], ...]:
        return tuple(
            (f"{given} {surname}", f"{_first_name_slug(given)}.{_slug(surname)}")
            for given in self.given_names
            for surname in self.surnames
        )


@attrs.frozen
class _State:
    id: int
    name: str
    weight: int
    cities: tuple[str, ...]


@attrs.frozen
class _Locale:
    code: str
    name: str
    phone_prefix: str
    currencies: tuple[str, ...]  # the local currency first
    weight: int
    language: _Language
    domain_suffix: str
    company_prefixes: tuple[str, ...]
    company_cores: tuple[str, ...]
    legal_forms: tuple[str, ...]
    person_share: float
    usd_share: float
    streets: tuple[str, ...]
    address_format: str
    office: str  # how an office or suite number is written
    states: tuple[_State, ...]
    phones: tuple[_Digits, ...]
    zip_code: _Digits
    tax_id: Callable[[random.Random, _Party], str | None]
    # Every company name the tables make, so that a company is one draw.
    companies: tuple[_Party, ...] = attrs.field(init=False)

    @companies.default
    def _every_company(self) -> tuple[_Party, ...]:
        return tuple(
            _company(f"{prefix} {core}", legal_form, self.domain_suffix)
            for prefix in self.company_prefixes
            for core in self.company_cores
            for legal_form in self.legal_forms
        )


def _states(*rows: tuple[int, str, int, tuple[str, ...]]) -> tuple[_State, ...]:
    return _by_weight((_State(*row), row[2]) for row in rows)


def _phones(*patterns: str) -> tuple[_Digits, ...]:
    return tuple(_Digits(pattern) for pattern in patterns)


# fmt: off
_SPANISH = _Language(
    given_names=(
        "María José", "Juan Pablo", "Francisca", "Camila", "Benjamín", "Matías", "Catalina",
        "José Tomás", "Valentina", "Ignacio", "Constanza", "Felipe", "Sofía", "Diego",
        "Fernanda", "Alejandro", "Daniela", "Sebastián", "Carolina", "Andrés", "Javiera",
        "Cristóbal", "Paula", "Rodrigo", "Guadalupe", "José Luis",
    ),
    surnames=(
        "González", "Muñoz", "Rojas", "Díaz", "Pérez", "Soto", "Contreras", "Silva", "Martínez",
        "Sepúlveda", "Morales", "Rodríguez", "López", "Fuentes", "Hernández", "Torres", "Araya",
        "Flores", "Espinoza", "Valenzuela", "Castillo", "Ramírez", "Vargas", "Gutiérrez",
        "Núñez", "Reyes", "Jiménez", "Carrasco",
    ),
    second_surname_chance=0.45,
    orgunits=(
        "Finanzas", "Finanzas", "Contabilidad", "Contabilidad", "Administración", "Tesorería",
        "Gerencia General", "Compras", "Operaciones", "", "", "", None,
    ),
    mailboxes=("facturacion", "contabilidad", "finanzas", "pagos", "contacto", "administracion"),
)
_PORTUGUESE = _Language(
    given_names=(
        "João", "Ana Beatriz", "Lucas", "Mariana", "Pedro Henrique", "Juliana", "Gabriel",
        "Larissa", "Rafael", "Beatriz", "Thiago", "Camila",
    ),
    surnames=(
        "Silva", "Santos", "Oliveira", "Souza", "Costa", "Pereira", "Almeida", "Ferreira",
        "Rodrigues", "Lima", "Carvalho", "Gomes",
    ),
    second_surname_chance=0.3,
    orgunits=("Financeiro", "Financeiro", "Contabilidade", "Administrativo", "Compras", "", None),
    mailboxes=("financeiro", "contato", "nfe", "contabilidade"),
)
_ENGLISH = _Language(
    given_names=(
        "Emily", "Michael", "Jessica", "David", "Sarah", "James", "Ashley", "Daniel", "Megan",
        "Ryan", "Olivia", "Ethan",
    ),
    surnames=(
        "Johnson", "Smith", "Miller", "Brown", "Davis", "Wilson", "Anderson", "Taylor",
        "Thomas", "Moore", "Clark", "Walker",
    ),
    second_surname_chance=0.0,
    orgunits=("Finance", "Finance", "Accounting", "Accounts Payable", "Operations", "", None),
    mailboxes=("billing", "accounts", "ap", "finance", "hello"),
)
_PERSONAL_DOMAINS = ("gmail.com", "gmail.com", "gmail.com", "hotmail.com", "outlook.com",
                     "yahoo.com")
_SPANISH_CORES = ("González", "Rojas", "Muñoz", "Hermanos Soto", "Silva", "Fuentes")

_LOCALES: tuple[_Locale, ...] = _by_weight((locale, locale.weight) for locale in (
    _Locale(
        code="CL", name="Chile", phone_prefix="+56", currencies=("CLP", "USD"), weight=60,
        language=_SPANISH, domain_suffix=".cl",
        company_prefixes=(
            "Comercial", "Inversiones", "Constructora", "Distribuidora", "Servicios",
            "Transportes", "Inmobiliaria", "Importadora", "Agrícola", "Sociedad", "Tienda",
            "Ferretería", "Consultora", "Tecnologías", "Asesorías", "Viña", "Panificadora",
            "Clínica Dental", "Frigorífico", "Laboratorio",
        ),
        company_cores=(
            "Andes", "Pacífico", "Norte", "Los Robles", "del Sur", "Austral", "Cordillera",
            "Los Aromos", "San Pedro", "Santa Elena", "El Roble", "Patagonia", "Atacama",
            "Maipo", "La Frontera", "Biobío", "Los Quillayes", "Valle Central", "Araucanía",
            "Los Canelos", "Puerto Claro", "Lircay", *_SPANISH_CORES,
        ),
        legal_forms=("SpA", "SpA", "SpA", "Limitada", "Ltda.", "S.A.", "E.I.R.L."),
        person_share=0.2, usd_share=0.12,
        streets=(
            "Av. Libertador Bernardo O'Higgins", "Arturo Prat", "Manuel Rodríguez",
            "Los Carrera", "Freire", "Balmaceda", "San Martín", "Av. Colón", "Condell",
            "Baquedano", "Av. Apoquindo", "Av. Providencia", "Huérfanos", "Av. Vicuña Mackenna",
        ),
        address_format="{street} {number}{suite}, {city}", office="Of.",
        states=_states(
            (1, "Región de Tarapacá", 2, ("Iquique", "Alto Hospicio")),
            (2, "Región de Antofagasta", 4, ("Antofagasta", "Calama")),
            (3, "Región de Atacama", 1, ("Copiapó", "Vallenar")),
            (4, "Región de Coquimbo", 3, ("La Serena", "Coquimbo", "Ovalle")),
            (5, "Región de Valparaíso", 9, ("Valparaíso", "Viña del Mar", "Quilpué")),
            (6, "Región del Libertador General Bernardo O'Higgins", 3, ("Rancagua",)),
            (7, "Región del Maule", 3, ("Talca", "Curicó", "Linares")),
            (8, "Región del Biobío", 8, ("Concepción", "Talcahuano", "Los Ángeles")),
            (9, "Región de La Araucanía", 3, ("Temuco", "Villarrica")),
            (10, "Región de Los Lagos", 3, ("Puerto Montt", "Osorno", "Castro")),
            (11, "Región de Aysén del General Carlos Ibáñez del Campo", 1, ("Coyhaique",)),
            (12, "Región de Magallanes y de la Antártica Chilena", 1, ("Punta Arenas",)),
            (13, "Región Metropolitana de Santiago", 50, (
                "Santiago", "Providencia", "Las Condes", "Ñuñoa", "Vitacura", "Maipú",
                "Quilicura", "La Florida", "Huechuraba",
            )),
            (14, "Región de Los Ríos", 1, ("Valdivia",)),
            (15, "Región de Arica y Parinacota", 1, ("Arica",)),
            (16, "Región de Ñuble", 1, ("Chillán",)),
        ),
        phones=_phones("+56 9 #### ####", "+56 9 #### ####", "+56 2 2### ####"),
        zip_code=_Digits("#####00"), tax_id=_chile_tax_id,
    ),
    _Locale(
        code="MX", name="México", phone_prefix="+52", currencies=("MXN", "USD"), weight=9,
        language=_SPANISH, domain_suffix=".com.mx",
        company_prefixes=(
            "Grupo", "Comercializadora", "Distribuidora", "Servicios Integrales", "Constructora",
            "Tecnología", "Logística", "Alimentos",
        ),
        company_cores=(
            "Azteca", "del Bajío", "Regiomontana", "Sierra Madre", "del Pacífico", "Anáhuac",
            "Tapatía", "Maya", "Reforma", *_SPANISH_CORES,
        ),
        legal_forms=("S.A. de C.V.", "S.A. de C.V.", "S. de R.L. de C.V.", "S.A.P.I. de C.V."),
        person_share=0.15, usd_share=0.15,
        streets=(
            "Av. Insurgentes Sur", "Paseo de la Reforma", "Av. Juárez", "Av. Revolución",
            "Av. Hidalgo", "Calle Madero", "Av. Vallarta", "Av. Constitución",
        ),
        address_format="{street} {number}{suite}, {city}", office="Int.",
        states=_states(
            (101, "Ciudad de México", 5, ("Ciudad de México",)),
            (102, "Jalisco", 2, ("Guadalajara", "Zapopan")),
            (103, "Nuevo León", 2, ("Monterrey", "San Pedro Garza García")),
            (104, "Estado de México", 1, ("Naucalpan", "Toluca")),
            (105, "Puebla", 1, ("Puebla",)),
        ),
        phones=_phones("+52 55 #### ####", "+52 33 #### ####", "+52 81 #### ####"),
        zip_code=_Digits("#####"), tax_id=_mexico_tax_id,
    ),
    _Locale(
        code="CO", name="Colombia", phone_prefix="+57", currencies=("COP", "USD"), weight=8,
        language=_SPANISH, domain_suffix=".co",
        company_prefixes=(
            "Inversiones", "Comercializadora", "Soluciones", "Distribuidora", "Grupo",
            "Servicios", "Industrias",
        ),
        company_cores=(
            "Andina", "del Caribe", "Antioqueña", "Cafetera", "Santa Fe", "El Dorado",
            "del Valle", "Sabana", *_SPANISH_CORES,
        ),
        legal_forms=("S.A.S.", "S.A.S.", "S.A.S.", "S.A.", "Ltda."),
        person_share=0.15, usd_share=0.15,
        streets=("Calle 93", "Carrera 7", "Carrera 15", "Calle 72", "Calle 26", "Carrera 43A"),
        address_format="{street} # {cross}-{second}{suite}, {city}", office="Of.",
        states=_states(
            (201, "Bogotá D.C.", 5, ("Bogotá",)),
            (202, "Antioquia", 3, ("Medellín", "Envigado")),
            (203, "Valle del Cauca", 2, ("Cali",)),
            (204, "Atlántico", 1, ("Barranquilla",)),
        ),
        phones=_phones("+57 601 ### ####", "+57 31# ### ####", "+57 30# ### ####"),
        zip_code=_Digits("11####"), tax_id=_colombia_tax_id,
    ),
    _Locale(
        code="PE", name="Perú", phone_prefix="+51", currencies=("PEN", "USD"), weight=7,
        language=_SPANISH, domain_suffix=".pe",
        company_prefixes=(
            "Corporación", "Inversiones", "Negocios", "Servicios Generales", "Importaciones",
            "Consultores",
        ),
        company_cores=(
            "Inca", "del Pacífico", "Andina", "Miraflores", "Arequipa", "Amazonas", "Chavín",
            *_SPANISH_CORES,
        ),
        legal_forms=("S.A.C.", "S.A.C.", "E.I.R.L.", "S.R.L.", "S.A."),
        person_share=0.15, usd_share=0.2,
        streets=("Av. Larco", "Av. Javier Prado Este", "Av. Arequipa", "Jr. de la Unión"),
        address_format="{street} {number}{suite}, {city}", office="Of.",
        states=_states(
            (301, "Lima", 6, ("Lima", "Miraflores", "San Isidro")),
            (302, "Arequipa", 2, ("Arequipa",)),
            (303, "La Libertad", 1, ("Trujillo",)),
            (304, "Cusco", 1, ("Cusco",)),
        ),
        phones=_phones("+51 1 ### ####", "+51 9## ### ###"),
        zip_code=_Digits("15###"), tax_id=_peru_tax_id,
    ),
    _Locale(
        code="AR", name="Argentina", phone_prefix="+54", currencies=("ARS", "USD"), weight=6,
        language=_SPANISH, domain_suffix=".com.ar",
        company_prefixes=("Distribuidora", "Comercial", "Estudio", "Industrias", "Logística"),
        company_cores=(
            "del Plata", "Patagónica", "Rioplatense", "Pampa", "Cuyo", "Austral", *_SPANISH_CORES,
        ),
        legal_forms=("S.R.L.", "S.A.", "S.A.S."),
        person_share=0.15, usd_share=0.2,
        streets=("Av. Corrientes", "Av. Santa Fe", "Florida", "Av. Córdoba", "Av. Rivadavia"),
        address_format="{street} {number}{suite}, {city}", office="Of.",
        states=_states(
            (401, "Ciudad Autónoma de Buenos Aires", 5, ("Buenos Aires",)),
            (402, "Buenos Aires", 2, ("La Plata", "Mar del Plata")),
            (403, "Córdoba", 2, ("Córdoba",)),
            (404, "Santa Fe", 1, ("Rosario",)),
            (405, "Mendoza", 1, ("Mendoza",)),
        ),
        phones=_phones("+54 11 4###-####", "+54 9 11 ####-####", "+54 351 ###-####"),
        zip_code=_Digits("1###"), tax_id=_argentina_tax_id,
    ),
    _Locale(
        code="UY", name="Uruguay", phone_prefix="+598", currencies=("UYU", "USD"), weight=3,
        language=_SPANISH, domain_suffix=".com.uy",
        company_prefixes=("Comercial", "Distribuidora", "Servicios", "Estudio"),
        company_cores=("Oriental", "del Este", "Rambla", "Carrasco", *_SPANISH_CORES),
        legal_forms=("S.A.", "S.R.L.", "S.A.S."),
        person_share=0.15, usd_share=0.25,
        streets=("Av. 18 de Julio", "Av. Italia", "Bulevar Artigas", "Rambla Gandhi"),
        address_format="{street} {number}{suite}, {city}", office="Of.",
        states=_states(
            (501, "Montevideo", 6, ("Montevideo",)),
            (502, "Canelones", 2, ("Ciudad de la Costa", "Las Piedras")),
            (503, "Maldonado", 1, ("Punta del Este", "Maldonado")),
        ),
        phones=_phones("+598 2### ####", "+598 9# ### ###"),
        zip_code=_Digits("11###"), tax_id=_uruguay_tax_id,
    ),
    _Locale(
        code="BR", name="Brasil", phone_prefix="+55", currencies=("BRL",), weight=4,
        language=_PORTUGUESE, domain_suffix=".com.br",
        company_prefixes=("Comércio", "Distribuidora", "Soluções", "Tecnologia", "Construtora"),
        company_cores=(
            "Paulista", "Carioca", "Atlântico", "Horizonte", "Cerrado", "Mineira", "Silva",
            "Oliveira",
        ),
        legal_forms=("Ltda.", "Ltda.", "S.A.", "EIRELI"),
        person_share=0.15, usd_share=0.0,
        streets=("Av. Paulista", "Rua Augusta", "Av. Brigadeiro Faria Lima", "Rua Oscar Freire"),
        address_format="{street}, {number}{suite} - {city}", office="sala",
        states=_states(
            (601, "São Paulo", 5, ("São Paulo", "Campinas")),
            (602, "Rio de Janeiro", 3, ("Rio de Janeiro", "Niterói")),
            (603, "Minas Gerais", 2, ("Belo Horizonte",)),
            (604, "Paraná", 1, ("Curitiba",)),
        ),
        phones=_phones("+55 11 9####-####", "+55 21 9####-####", "+55 11 3###-####"),
        zip_code=_Digits("0####-###"), tax_id=_brazil_tax_id,
    ),
    _Locale(
        code="US", name="United States", phone_prefix="+1", currencies=("USD",), weight=3,
        language=_ENGLISH, domain_suffix=".com",
        company_prefixes=(
            "Summit", "Redwood", "Harbor", "Bluebird", "Lakeside", "Pioneer", "Northwind",
            "Granite",
        ),
        company_cores=("Analytics", "Logistics", "Software", "Trading", "Partners", "Labs"),
        legal_forms=("Inc.", "Inc.", "LLC"),
        person_share=0.1, usd_share=1.0,
        streets=("Market Street", "Broadway", "Main Street", "Congress Avenue", "Brickell Ave"),
        address_format="{number} {street}{suite}, {city}", office="Suite",
        states=_states(
            (701, "California", 4, ("San Francisco", "Los Angeles", "San Diego")),
            (702, "New York", 3, ("New York",)),
            (703, "Florida", 2, ("Miami", "Orlando")),
            (704, "Texas", 2, ("Austin", "Houston")),
            (705, "Delaware", 1, ("Wilmington",)),
        ),
        # 555-0100 to 555-0199 are reserved for fictional use.
        phones=_phones("+1 415-555-01##", "+1 212-555-01##", "+1 512-555-01##"),
        zip_code=_Digits("9####"), tax_id=_us_tax_id,
    ),
))

_ACTIVITIES = (
    "Venta al por mayor de otros productos n.c.p.",
    "Venta al por menor en comercios no especializados",
    "Actividades de consultoría de informática y de gestión de instalaciones informáticas",
    "Construcción de edificios para uso residencial",
    "Transporte de carga por carretera",
    "Actividades de contabilidad, teneduría de libros y auditoría",
    "Actividades inmobiliarias realizadas con bienes propios o arrendados",
    "Actividades de restaurantes y de servicio móvil de comidas",
    "Otras actividades profesionales, científicas y técnicas n.c.p.",
)
_MANAGERS = ("Catalina Soto", "Diego Fuentes", "Javiera Muñoz", "Tomás Reyes", "Antonia Carrasco")
_SEGMENTS = ("mayorista", "minorista", "corporativo", "pyme", "gobierno")
_CUSTOMER_STATUSES = _by_weight((("active", 80), ("pending", 12), ("archived", 8)))
_CONTACT_COUNTS = _by_weight(enumerate((25, 40, 18, 7, 4, 3, 2, 1)))
_LINK_COUNTS = _by_weight(enumerate((45, 38, 12, 5)))  # sources and subscriptions
# Annual sales in US dollars: most customers are small, a few are large.
_SALES_BANDS = _by_weight((
    ((0, 2_000), 30), ((2_000, 20_000), 40), ((20_000, 150_000), 23), ((150_000, 1_500_000), 7),
))
# The first customers show every timestamp style, status and contact count, so that even
# the first page of a small dataset has them all.
_FIRST_CUSTOMERS = ((False, "active"), (True, "pending"), (True, "active"), (False, "archived"))
_FIRST_CONTACT_COUNTS = (2, 0, 1, 4, 7, 3, 5, 6)
# fmt: on


# ---------------------------------------------------------------------------------------------
# Customers.


def iter_customers(*, seed: int, count: int, test_mode: bool) -> Iterator[CustomerRecord]:
    """`count` customers, lazily; the same arguments always give the same customers."""
    if count < 0:
        raise ValueError(f"count must not be negative, got {count}")
    ids = _Ids(seed, test_mode, ("cus", "con", "src", "sub"))
    entities: list[_Entity] = []
    for block_start in range(0, count, _BLOCK):
        rng = _rng(seed, "customer", int(test_mode), block_start // _BLOCK)
        for position in range(block_start, min(block_start + _BLOCK, count)):
            if position < _ENTITIES:
                entities.append(_entity(rng, position))
            yield _customer(rng, position, ids, test_mode, entities[position % _ENTITIES])


# Past this many customers, the legal entities behind them repeat: customer i + k * _ENTITIES
# bills the same company (name, tax id, address, people) as customer i, under its own ids,
# dates, status and amounts, the way one company can hold several billing accounts. Large
# datasets are for paging and load; building an entity is over half the cost of a customer.
_ENTITIES = 10_000


class _ContactCard(NamedTuple):
    name: str
    email: str
    orgunit: str | None
    phone: str | None
    invoicing: bool
    collections: bool


class _Entity(NamedTuple):
    """The person or company behind a customer: everything that is not the account's own."""

    locale: _Locale
    fields: dict[str, Any]  # name, address, country, state, currency, email... zip_code
    tax_id: str | None
    tax_settings: dict[str, Any]
    contacts: tuple[_ContactCard, ...]


def _entity(rng: random.Random, position: int) -> _Entity:
    locale = rng.choice(_LOCALES)
    party = _party(rng, locale)
    currency = "USD" if rng.random() < locale.usd_share else locale.currencies[0]
    fields = {
        "name": party.name,
        **_whereabouts(rng, locale),
        "currency": currency,
        **_reachability(rng, locale, party),
    }
    # Foreign customers' tax ids are sometimes missing; Chilean ones are needed for invoicing.
    tax_id = None
    if locale.code == "CL" or rng.random() >= 0.05:
        tax_id = locale.tax_id(rng, party)
    tax_settings = {}
    if locale.code == "CL":
        tax_settings["cl_activity_description"] = rng.choice(_ACTIVITIES)
    contact_count = rng.choice(_CONTACT_COUNTS)
    if position < len(_FIRST_CONTACT_COUNTS):
        contact_count = _FIRST_CONTACT_COUNTS[position]
    contacts = tuple(_contact_card(rng, locale, party) for _ in range(contact_count))
    return _Entity(locale, fields, tax_id, tax_settings, contacts)


def _customer(
    rng: random.Random, position: int, ids: _Ids, test_mode: bool, entity: _Entity
) -> CustomerRecord:
    customer_id = ids.make("cus", position, rng)
    chilean_clock = rng.random() < 0.55
    status = rng.choice(_CUSTOMER_STATUSES)
    if position < len(_FIRST_CUSTOMERS):
        chilean_clock, status = _FIRST_CUSTOMERS[position]
    created = _between(rng, _START, _END)
    customer_created_text = _timestamp(created, chilean_clock)
    contacts = []
    for number, card in enumerate(entity.contacts):
        contact_created = _later(rng, created, same_chance=0.5)
        contact_updated = _later(rng, contact_created)
        created_text = (
            customer_created_text
            if contact_created == created
            else _timestamp(contact_created, chilean_clock)
        )
        contacts.append(
            {
                "id": ids.make("con", position * 8 + number, rng),
                "name": card.name,
                "email": card.email,
                "customer": customer_id,
                "orgunit": card.orgunit,
                "phone": card.phone,
                "invoicing": card.invoicing,
                "collections": card.collections,
                "created": created_text,
                "updated": (
                    created_text
                    if contact_updated == contact_created
                    else _timestamp(contact_updated, chilean_clock)
                ),
            }
        )
    fields = entity.fields
    country, state = fields["country"], fields["state"]
    data: dict[str, Any] = {
        "id": customer_id,
        **fields,
        # Fresh nested objects, so that changing one customer never changes another.
        "country": {**country, "currencies": list(country["currencies"])},
        "state": None if state is None else dict(state),
        "manager": None if rng.random() < 0.3 else rng.choice(_MANAGERS),
        "reference": None if rng.random() < 0.4 else f"CLI-{_between(rng, 1, 100_000):05d}",
        "tax_id": entity.tax_id,
        "tax_settings": dict(entity.tax_settings),
        "metadata": _metadata(rng),
        "send_invoices": rng.random() < 0.85,
        "send_collections": rng.random() < 0.7,
        "send_vouchers": rng.random() < 0.4,
        "status": status,
        "contacts": contacts,
        "sources": [
            ids.make("src", position * 4 + number, rng)
            for number in range(rng.choice(_LINK_COUNTS))
        ],
        "aggregations": _aggregations(rng, fields["currency"], status),
        "test_mode": test_mode,
        "created": customer_created_text,
        "updated": _timestamp(_later(rng, created), chilean_clock),
    }
    subscriptions = tuple(
        ids.make("sub", position * 4 + number, rng) for number in range(rng.choice(_LINK_COUNTS))
    )
    return CustomerRecord(data=data, subscriptions=subscriptions)


def _party(rng: random.Random, locale: _Locale) -> _Party:
    if rng.random() >= locale.person_share:
        return rng.choice(locale.companies)
    language = locale.language
    second = ""
    if rng.random() < language.second_surname_chance:
        second = rng.choice(language.surnames)
    return _person(rng.choice(language.given_names), rng.choice(language.surnames), second)


def _whereabouts(rng: random.Random, locale: _Locale) -> dict[str, Any]:
    """address, country and state; the state is sometimes unknown (null) even with an address."""
    state = rng.choice(locale.states)
    suite = ""
    if rng.random() < 0.3:
        suite = f", {locale.office} {_between(rng, 1, 25)}0{_between(rng, 1, 10)}"
    address = locale.address_format.format(
        street=rng.choice(locale.streets),
        number=_between(rng, 10, 4000),
        cross=_between(rng, 1, 150),  # Colombian addresses: the cross street...
        second=_between(rng, 10, 99),  # ...and the distance from it
        suite=suite,
        city=rng.choice(state.cities),
    )
    country = {
        "id": locale.code,
        "name": locale.name,
        "code": locale.phone_prefix,
        "has_regulation": locale.code == "CL",
        "currencies": list(locale.currencies),
    }
    state_data = {"id": state.id, "name": state.name, "country": locale.code}
    return {
        "address": None if rng.random() < 0.03 else address,
        "country": country,
        "state": None if rng.random() < 0.07 else state_data,
    }


def _reachability(rng: random.Random, locale: _Locale, party: _Party) -> dict[str, Any]:
    """email, phone, website and zip_code, with the empty strings and nulls real data has."""
    website: str | None
    if party.is_person:
        email = _personal_email(rng, party.email_name)
        website = "" if rng.random() < 0.6 else None
    else:
        email = f"{rng.choice(locale.language.mailboxes)}@{party.domain}"
        roll = rng.random()
        if roll < 0.35:
            website = ""
        elif roll < 0.45:
            website = None
        else:
            website = ("https://www." if roll < 0.85 else "www.") + party.domain
    roll = rng.random()
    phone = None if roll < 0.07 else "" if roll < 0.12 else rng.choice(locale.phones).fill(rng)
    zip_code = None if rng.random() < 0.35 else locale.zip_code.fill(rng)
    return {"email": email, "phone": phone, "website": website, "zip_code": zip_code}


def _personal_email(rng: random.Random, email_name: str) -> str:
    number = str(_between(rng, 1, 99)) if rng.random() < 0.3 else ""
    return f"{email_name}{number}@{rng.choice(_PERSONAL_DOMAINS)}"


def _contact_card(rng: random.Random, locale: _Locale, party: _Party) -> _ContactCard:
    language = locale.language
    name, email_name = rng.choice(language.people)
    # A person's contacts (an accountant, a relative) use personal addresses.
    domain = rng.choice(_PERSONAL_DOMAINS) if party.is_person else party.domain
    return _ContactCard(
        name=name,
        email=f"{email_name}@{domain}",
        orgunit=rng.choice(language.orgunits),
        phone=None if rng.random() < 0.25 else rng.choice(locale.phones).fill(rng),
        invoicing=rng.random() < 0.75,
        collections=rng.random() < 0.55,
    )


def _metadata(rng: random.Random) -> dict[str, Any]:
    if rng.random() < 0.75:
        return {}
    return {"crm_id": str(_between(rng, 1000, 10_000)), "segment": rng.choice(_SEGMENTS)}


def _aggregations(rng: random.Random, currency: str, status: str) -> dict[str, Any]:
    """sales, sales_current_period and balance in the customer's currency (balance may be < 0)."""
    if status == "pending":
        return {"sales": 0, "sales_current_period": 0, "balance": 0}
    low, high = rng.choice(_SALES_BANDS)
    rate = _MINOR_PER_USD[currency]
    sales = _between(rng, low * rate, high * rate)
    current = 0 if status == "archived" else sales * _between(rng, 0, 30) // 100
    roll = rng.random()
    if roll < 0.55:
        balance = 0
    elif roll < 0.9:
        balance = current * _between(rng, 10, 101) // 100
    else:  # a credit in the customer's favour
        balance = -_between(rng, 1, 50 * rate)
    return {
        "sales": _money(sales, currency),
        "sales_current_period": _money(current, currency),
        "balance": _money(balance, currency),
    }


# ---------------------------------------------------------------------------------------------
# Products and plans.


@attrs.frozen
class _Offering:
    name: str
    unit_label: str | None
    metered: bool
    usd_cents: int  # list price of one unit for one month
    english: bool = False


# fmt: off
# The first seven alternate licensed and metered to fit _FIRST_PLAN_SHAPES.
_CATALOGUE = (
    _Offering("Plan Pyme", "usuario", False, 2900),
    _Offering("Mensajería SMS", "mensaje", True, 4),
    _Offering("Facturación Electrónica", None, False, 1900),
    _Offering("Cloud Storage", "GB", True, 10, english=True),
    _Offering("Soporte Premium", None, False, 9900),
    _Offering("Usuarios Activos", "usuario", True, 500),
    _Offering("Plan Emprendedor", "usuario", False, 1500),
    _Offering("Boletas Electrónicas", "boleta", True, 5),
    _Offering("Plan Empresa", "usuario", False, 7900),
    _Offering("Conciliación Bancaria", None, False, 2500),
    _Offering("Cobranza Automática", None, False, 3900),
    _Offering("Portal de Pagos", "transacción", True, 30),
    _Offering("API Access", "request", True, 1, english=True),
    _Offering("Hosting Web", None, False, 1200),
    _Offering("Dominio .cl", None, False, 1100),
    _Offering("Certificado SSL", None, False, 6900),
    _Offering("Backup Diario", "GB", True, 8),
    _Offering("Consultoría Contable", "hora", True, 4500),
    _Offering("Implementación", None, False, 49900),
    _Offering("Capacitación Online", "participante", False, 9000),
    _Offering("WhatsApp Business", "conversación", True, 6),
    _Offering("Email Marketing", "contacto", True, 1),
    _Offering("CRM Ventas", "usuario", False, 2500),
    _Offering("Analytics Pro", "seat", False, 4900, english=True),
    _Offering("Firma Electrónica", "firma", True, 90),
    _Offering("Remuneraciones", "trabajador", False, 150),
    _Offering("Inventario", None, False, 1900),
    _Offering("Punto de Venta", "caja", False, 2900),
    _Offering("Data Warehouse", "GB", True, 25, english=True),
    _Offering("Priority Support", None, False, 19900, english=True),
    _Offering("Onboarding", None, False, 29900, english=True),
    _Offering("Mantención Mensual", None, False, 15000),
    _Offering("Arriendo de Equipos", "equipo", False, 3500),
    _Offering("Monitoreo 24/7", "servidor", False, 2000),
    _Offering("Licencia Microsoft 365", "licencia", False, 1250),
    _Offering("Correo Corporativo", "casilla", False, 300),
    _Offering("VPN Empresarial", "usuario", False, 700),
    _Offering("Bandwidth", "GB", True, 5, english=True),
    _Offering("Plan Corporativo", "usuario", False, 19900),
    _Offering("Team Seats", "seat", False, 1200, english=True),
)
# frequency: (Spanish label, English label, SKU code, (numerator, denominator) of the monthly
# price; longer terms are discounted)
_FREQUENCIES = {
    "monthly": ("Mensual", "Monthly", "M", (1, 1)),
    "quarterly": ("Trimestral", "Quarterly", "Q", (57, 20)),
    "biannual": ("Semestral", "Biannual", "S", (27, 5)),
    "annual": ("Anual", "Annual", "A", (51, 5)),
    "weekly": ("Semanal", "Weekly", "W", (1, 4)),
}
_EXTRA_PLANS = (
    ("annual", "CLP"), ("monthly", "USD"), ("quarterly", "CLP"), ("annual", "USD"),
    ("biannual", "CLP"), ("weekly", "CLP"), ("quarterly", "USD"), ("biannual", "USD"),
)
_PLAN_COUNTS = _by_weight(((1, 30), (2, 35), (3, 22), (4, 13)))
_TIERS_MODES: tuple[str | None, ...] = _by_weight((
    (None, 50), ("graduated", 13), ("volume", 11), ("package", 10), ("package_overage", 8),
    ("unit", 4), ("range", 4),
))
_AGGREGATIONS = _by_weight((("sum", 60), ("last_record", 20), ("max", 20)))
_TIER_COUNTS = _by_weight(((1, 15), (2, 30), (3, 35), (4, 20)))
_TIER_BOUNDS = (10, 50, 200)  # band limits in units, times 100 for metered plans
_TIER_DISCOUNTS = (100, 85, 70, 55)  # percent of the first band's price
# The first products are fixed to show every status, usage aggregation and tiers mode.
_FIRST_PRODUCT_STATUSES = ("active", "active", "active", "archived")
_FIRST_PLAN_SHAPES: tuple[tuple[str | None, str | None], ...] = (  # (aggregation, tiers mode)
    (None, None), ("sum", "graduated"), (None, "volume"), ("last_record", "package"),
    (None, "package_overage"), ("max", "unit"), (None, "range"),
)
# fmt: on


def iter_products(*, seed: int, count: int, test_mode: bool) -> Iterator[dict[str, Any]]:
    """`count` products with their plans, lazily; the same arguments always give the same ones."""
    if count < 0:
        raise ValueError(f"count must not be negative, got {count}")
    ids = _Ids(seed, test_mode, ("pro", "pla"))
    for block_start in range(0, count, _BLOCK):
        rng = _rng(seed, "product", int(test_mode), block_start // _BLOCK)
        for position in range(block_start, min(block_start + _BLOCK, count)):
            yield _product(rng, position, ids, test_mode)


def _product(rng: random.Random, position: int, ids: _Ids, test_mode: bool) -> dict[str, Any]:
    round_, index = divmod(position, len(_CATALOGUE))
    offering = _CATALOGUE[index]
    name = offering.name if round_ == 0 else f"{offering.name} {round_ + 1}"
    product_id = ids.make("pro", position, rng)
    chilean_clock = rng.random() < 0.55
    status = "archived" if rng.random() < 0.18 else "active"
    if position < len(_FIRST_PRODUCT_STATUSES):
        status = _FIRST_PRODUCT_STATUSES[position]
    created = _between(rng, _START, _END)
    archived = _later(rng, created) if status == "archived" else None
    # Prices vary a little from seed to seed, so that datasets are told apart at a glance.
    usd_cents = max(1, offering.usd_cents * _between(rng, 80, 131) // 100)
    kinds = [("monthly", "USD" if rng.random() < 0.2 else "CLP")]
    others = [kind for kind in _EXTRA_PLANS if kind != kinds[0]]
    kinds += rng.sample(others, rng.choice(_PLAN_COUNTS) - 1)
    plans = []
    for number, (frequency, currency) in enumerate(kinds):
        shape = None
        if number == 0 and position < len(_FIRST_PLAN_SHAPES):
            shape = _FIRST_PLAN_SHAPES[position]
        plan_created = _later(rng, created, same_chance=0.6)
        if archived is not None:
            plan_created = min(plan_created, archived)
        # An archived product's plans are archived with it; a live one retires old prices.
        plan_archived = archived
        if archived is None and rng.random() < 0.12:
            plan_archived = _later(rng, plan_created)
        plan_updated = plan_archived if plan_archived is not None else _later(rng, plan_created)
        plans.append(
            {
                "id": ids.make("pla", position * 4 + number, rng),
                "product": product_id,
                **_pricing(
                    rng,
                    offering,
                    product_name=name,
                    usd_cents=usd_cents,
                    frequency=frequency,
                    currency=currency,
                    shape=shape,
                ),
                "status": "active" if plan_archived is None else "archived",
                "archived": (
                    None if plan_archived is None else _timestamp(plan_archived, chilean_clock)
                ),
                "created": _timestamp(plan_created, chilean_clock),
                "updated": _timestamp(plan_updated, chilean_clock),
            }
        )
    updated = archived if archived is not None else _later(rng, created)
    return {
        "id": product_id,
        "name": name,
        "unit_label": offering.unit_label,
        "status": status,
        "archived": None if archived is None else _timestamp(archived, chilean_clock),
        "plans": plans,
        "test_mode": test_mode,
        "created": _timestamp(created, chilean_clock),
        "updated": _timestamp(updated, chilean_clock),
    }


def _pricing(
    rng: random.Random,
    offering: _Offering,
    *,
    product_name: str,
    usd_cents: int,
    frequency: str,
    currency: str,
    shape: tuple[str | None, str | None] | None,
) -> dict[str, Any]:
    """A plan's name, price, usage and tiers: everything but its ids, status and timestamps."""
    spanish, english, code, (numerator, denominator) = _FREQUENCIES[frequency]
    price = _list_price(usd_cents * numerator // denominator, currency)
    if shape is not None:
        aggregation, tiers_mode = shape
    else:
        aggregation = rng.choice(_AGGREGATIONS) if offering.metered else None
        tiers_mode = rng.choice(_TIERS_MODES)
    if rng.random() < 0.4:
        description = None
    elif offering.english:
        description = f"{product_name}, billed {english.lower()}"
    else:
        description = f"{product_name}, cobro {spanish.lower()}"
    sku = None
    if rng.random() < 0.6:
        initials = "".join(word[0] for word in _slug_words(offering.name))[:3].upper()
        sku = f"{initials}-{code}-{currency}"
    tiers = []
    if tiers_mode is not None:
        scale = 100 if offering.metered else 1
        limits = [bound * scale for bound in _TIER_BOUNDS[: rng.choice(_TIER_COUNTS) - 1]]
        for band, start in enumerate([1] + [limit + 1 for limit in limits]):
            tiers.append(
                {
                    "quantity_from": start,
                    "quantity_to": limits[band] if band < len(limits) else None,
                    "amount": _money(max(1, price * _TIER_DISCOUNTS[band] // 100), currency),
                    "amount_scheme": "flat",
                    "unit_scheme": "all_units",
                }
            )
    label = english if offering.english else spanish
    return {
        "name": f"{product_name} {label}" + (" USD" if currency == "USD" else ""),
        "description": description,
        "frequency": frequency,
        "currency": currency,
        "amount": _money(price, currency),
        "sku": sku,
        "exempt": rng.random() < 0.15,
        "usage_scheme": "metered" if offering.metered else "licensed",
        "usage_aggregation": aggregation,
        "tiers_mode": tiers_mode,
        "tiers": tiers,
        "unit_label": offering.unit_label,
    }


def _list_price(usd_cents: int, currency: str) -> int:
    """A price in minor units (CLP or USD); CLP prices end in 990 (90 under $10.000), as
    Chilean price lists do."""
    if currency != "CLP":
        return max(1, usd_cents)
    pesos = max(1, usd_cents * _MINOR_PER_USD["CLP"] // 100)
    if pesos < 1000:
        return pesos
    step = 1000 if pesos >= 10_000 else 100
    return (pesos // step + 1) * step - 10
