#!/usr/bin/env python3
"""Ritar bilderna till symbolsammanställningen (content/symboler/*/bild.svg).

Bilderna är schematiska igenkänningsstöd som ritas från enkel geometri och text:
sifferkoder som text på en skylt, runor som linjeteckningar, flaggor som fält och
former. De är inga avbildningar av logotyper och ingen bild är kopierad härifrån eller
därifrån. Skriptet använder bara Pythons standardbibliotek.

    python3 tools/draw_symbols.py            # skriver alla bilder
    python3 tools/draw_symbols.py --check    # kontrollerar att bilderna är aktuella

Varje SVG är fristående: width, height, viewBox, <title> och <desc>, inga skript och
inga externa referenser.
"""

from __future__ import annotations

import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
SYMBOLS = ROOT / "content" / "symboler"

SIZE = 240
INK = "#1a1a1a"
PLATE = "#f3f2ee"
EDGE = "#76746d"
MUTED = "#5c5a55"
RED = "#b3261e"
MONO = "DejaVu Sans Mono, Consolas, Menlo, monospace"
SANS = "DejaVu Sans, Arial, Helvetica, sans-serif"


def plate(inner: str) -> str:
    """Skylten som alla bilder ritas på, med en diskret märkning längst ned."""
    return (
        f'<rect x="4" y="4" width="{SIZE - 8}" height="{SIZE - 8}" rx="18" '
        f'fill="{PLATE}" stroke="{EDGE}" stroke-width="2"/>\n'
        f"{inner}\n"
        f'<text x="{SIZE / 2:g}" y="{SIZE - 14}" font-family="{SANS}" font-size="11" '
        f'fill="{MUTED}" text-anchor="middle">Schematisk bild</text>'
    )


def code(digits: str, key: str) -> str:
    """En sifferkod som stor text, med avkodningen under."""
    size = {2: 104, 3: 88, 4: 64}.get(len(digits), 64)
    return (
        f'<rect x="28" y="46" width="184" height="112" rx="10" fill="#ffffff" '
        f'stroke="{INK}" stroke-width="4"/>\n'
        f'<text x="120" y="{102 + size * 0.36:.0f}" font-family="{MONO}" font-size="{size}" '
        f'font-weight="bold" fill="{INK}" text-anchor="middle">{escape(digits)}</text>\n'
        f'<text x="120" y="190" font-family="{SANS}" font-size="18" fill="{INK}" '
        f'text-anchor="middle">{escape(key)}</text>'
    )


def lines(*polylines: list[tuple[float, float]], width: float = 14) -> str:
    """Linjeteckning (runor): varje argument är en bruten linje."""
    out = []
    for points in polylines:
        coords = " ".join(f"{x:g},{y:g}" for x, y in points)
        out.append(
            f'<polyline points="{coords}" fill="none" stroke="{INK}" '
            f'stroke-width="{width:g}" stroke-linecap="square" stroke-linejoin="miter"/>'
        )
    return "\n".join(out)


def tyr() -> str:
    return lines([(120, 40), (120, 200)], [(70, 95), (120, 40), (170, 95)])


def odal() -> str:
    # En romb vars nedre sidor fortsätter ut i två korsande ben.
    return lines([(120, 36), (168, 90), (80, 196)], [(120, 36), (72, 90), (160, 196)])


def algiz() -> str:
    return lines([(120, 200), (120, 40)], [(66, 70), (120, 124), (174, 70)])


def sig() -> str:
    one = [(104, 40), (70, 116), (112, 116), (78, 196)]
    two = [(172, 40), (138, 116), (180, 116), (146, 196)]
    return lines(one, two, width=13)


def wolfsangel() -> str:
    return lines(
        [(160, 74), (120, 40), (120, 200), (80, 166)],
        [(84, 120), (156, 120)],
    )


def hakkors() -> str:
    # Ett hakkors vridet 45 grader, ritat med raka streck.
    arm = 46
    shape = lines(
        [(-arm, 0), (arm, 0)],
        [(0, -arm), (0, arm)],
        [(arm, 0), (arm, arm)],
        [(0, arm), (-arm, arm)],
        [(-arm, 0), (-arm, -arm)],
        [(0, -arm), (arm, -arm)],
        width=15,
    )
    return f'<g transform="translate(120 112) rotate(45)">\n{shape}\n</g>'


def solkors() -> str:
    return (
        f'<circle cx="120" cy="114" r="56" fill="none" stroke="{INK}" stroke-width="14"/>\n'
        + lines([(120, 36), (120, 192)], [(42, 114), (198, 114)], width=14)
    )


def cirkel_a() -> str:
    return (
        f'<circle cx="120" cy="116" r="66" fill="none" stroke="{INK}" stroke-width="10"/>\n'
        + lines([(70, 200), (120, 34), (170, 200)], [(80, 140), (160, 140)], width=12)
    )


def afa() -> str:
    # Två vajande flaggor, en röd framför en svart, i en ring.
    black = (
        f'<path d="M 95 70 Q 125 58 150 70 T 196 70 L 196 112 Q 170 100 150 112 '
        f'T 104 112 Z" fill="{INK}"/>'
    )
    red = (
        f'<path d="M 70 90 Q 100 78 126 90 T 172 90 L 172 132 Q 146 120 126 132 '
        f'T 80 132 Z" fill="{RED}"/>'
    )
    poles = lines([(95, 70), (120, 190)], [(70, 90), (92, 194)], width=6)
    return (
        f'<circle cx="120" cy="118" r="92" fill="#ffffff" stroke="{INK}" stroke-width="12"/>\n'
        f'<g transform="translate(120 118) scale(0.78) translate(-133 -126)">\n'
        f"{black}\n{red}\n{poles}\n</g>"
    )


def svartrod() -> str:
    return (
        f'<polygon points="30,50 210,50 30,170" fill="{RED}"/>\n'
        f'<polygon points="210,50 210,170 30,170" fill="{INK}"/>\n'
        f'<rect x="30" y="50" width="180" height="120" fill="none" stroke="{INK}" '
        f'stroke-width="3"/>'
    )


def svart_flagga() -> str:
    # Svart flagga; texten är ersatt av vita streck och en vit cirkel med streck.
    wave = (
        '<path d="M 56 72 q 12 -8 24 0 t 24 0 t 24 0 t 24 0 t 24 0" fill="none" '
        'stroke="#ffffff" stroke-width="7" stroke-linecap="round"/>'
    )
    circle = (
        '<circle cx="120" cy="130" r="32" fill="#ffffff"/>\n'
        + "\n".join(
            f'<line x1="{104}" y1="{y}" x2="{136}" y2="{y}" stroke="{INK}" '
            f'stroke-width="5" stroke-linecap="round"/>'
            for y in (118, 130, 142)
        )
    )
    return (
        f'<rect x="26" y="46" width="188" height="126" fill="{INK}"/>\n'
        f"{wave}\n"
        '<path d="M 62 92 q 14 -6 28 0 t 28 0 t 28 0 t 28 0" fill="none" '
        'stroke="#ffffff" stroke-width="5" stroke-linecap="round"/>\n'
        f"{circle}"
    )


def pekfinger() -> str:
    # En knuten hand med pekfingret rakt upp.
    return (
        f'<rect x="104" y="34" width="30" height="92" rx="15" fill="#ffffff" '
        f'stroke="{INK}" stroke-width="6"/>\n'
        f'<rect x="78" y="104" width="92" height="86" rx="24" fill="#ffffff" '
        f'stroke="{INK}" stroke-width="6"/>\n'
        + lines([(100, 128), (146, 128)], [(100, 150), (146, 150)], width=4)
    )


def halsning() -> str:
    # Streckfigur i profil med höger arm rakt upp och framåt.
    figure = lines(
        [(96, 92), (96, 160)],
        [(96, 160), (80, 206)],
        [(96, 160), (114, 206)],
        [(96, 104), (96, 150)],
        [(96, 102), (176, 44)],
        width=9,
    )
    return (
        f'<circle cx="96" cy="68" r="18" fill="none" stroke="{INK}" stroke-width="8"/>\n'
        f"{figure}"
    )


def consdaple() -> str:
    # Ordet med de mittersta bokstäverna synliga mellan två jackhalvor.
    return (
        f'<text x="120" y="126" font-family="{MONO}" font-size="30" font-weight="bold" '
        f'fill="{INK}" text-anchor="middle" letter-spacing="1">CONSDAPLE</text>\n'
        f'<polygon points="18,40 76,40 72,150 18,150" fill="#8d8a82"/>\n'
        f'<polygon points="222,40 164,40 168,150 222,150" fill="#8d8a82"/>\n'
        f'<text x="120" y="172" font-family="{SANS}" font-size="16" fill="{INK}" '
        f'text-anchor="middle">synligt: NSDAP</text>'
    )


def baqiya() -> str:
    return (
        f'<rect x="28" y="46" width="184" height="112" rx="10" fill="#ffffff" '
        f'stroke="{INK}" stroke-width="4"/>\n'
        f'<text x="120" y="122" font-family="DejaVu Sans, Arial, sans-serif" font-size="52" '
        f'fill="{INK}" text-anchor="middle">باقية</text>\n'
        f'<text x="120" y="190" font-family="{SANS}" font-size="18" fill="{INK}" '
        f'text-anchor="middle">baqiya</text>'
    )


# slug: (titel, beskrivning, ritfunktion)
DRAWINGS = {
    "kod-88": ("Sifferkoden 88", "Siffrorna 88 på en skylt, med avkodningen H H under.",
               lambda: code("88", "H · H")),
    "kod-14": ("Sifferkoden 14", "Siffrorna 14 på en skylt, med texten 14 ord under.",
               lambda: code("14", "14 ord")),
    "kod-1488": ("Sifferkoden 1488", "Siffrorna 1488 på en skylt, med texten 14 + 88 under.",
                 lambda: code("1488", "14 + 88")),
    "kod-18": ("Sifferkoden 18", "Siffrorna 18 på en skylt, med avkodningen A H under.",
               lambda: code("18", "A · H")),
    "kod-28": ("Sifferkoden 28", "Siffrorna 28 på en skylt, med avkodningen B H under.",
               lambda: code("28", "B · H")),
    "kod-311": ("Sifferkoden 311", "Siffrorna 311 på en skylt, med texten 3 gånger K under.",
                lambda: code("311", "3 × K")),
    "kod-1312": ("Sifferkoden 1312", "Siffrorna 1312 på en skylt, med avkodningen A C A B under.",
                 lambda: code("1312", "A · C · A · B")),
    "kod-161": ("Sifferkoden 161", "Siffrorna 161 på en skylt, med avkodningen A F A under.",
                lambda: code("161", "A · F · A")),
    "tyrrunan": ("Tyrrunan", "Linjeteckning av tyrrunan: ett lodrätt streck med två snedställda "
                 "streck från toppen, som en pil som pekar uppåt.", tyr),
    "odalrunan": ("Odalrunan", "Linjeteckning av odalrunan: en romb vars två nedre sidor "
                  "fortsätter ut i två korsande ben.", odal),
    "livsrunan": ("Livsrunan", "Linjeteckning av livsrunan: ett lodrätt streck med två "
                  "armar som går snett uppåt från mitten, som ett Y med förlängt mittstreck.",
                  algiz),
    "sigrunor": ("Dubbla sigrunor", "Linjeteckning av två kantiga blixtliknande runor "
                 "bredvid varandra.", sig),
    "vargkroken": ("Vargkroken", "Linjeteckning av vargkroken: ett lodrätt streck med "
                   "hakar snett åt var sitt håll i ändarna och ett vågrätt tvärstreck i "
                   "mitten.", wolfsangel),
    "hakkors": ("Hakkors", "Linjeteckning av ett hakkors vridet 45 grader, i svart.", hakkors),
    "solkors": ("Keltiskt kors i vit makt-version", "Linjeteckning av en ring med ett "
                "likarmat kors vars armar sticker ut utanför ringen.", solkors),
    "hitlerhalsning": ("Hitlerhälsning", "Streckfigur i profil som sträcker höger arm "
                       "rakt upp och framåt med flat hand.", halsning),
    "consdaple": ("Klädmärket Consdaple", "Ordet CONSDAPLE där två grå jackhalvor täcker "
                  "de yttersta bokstäverna så att bara NSDAP syns.", consdaple),
    "afa-symbolen": ("Två flaggor i en ring", "En ring med två vajande flaggor, en röd "
                     "framför en svart.", afa),
    "cirkel-a": ("Cirkel-A", "Linjeteckning av ett stort A som går ut över kanten på en "
                 "ring.", cirkel_a),
    "svartrod-flagga": ("Diagonalt delad svart och röd flagga", "En rektangulär flagga "
                        "delad diagonalt, rött fält uppe till vänster och svart fält nere "
                        "till höger.", svartrod),
    "svart-flagga-med-trosbekannelsen": (
        "Svart flagga med vit text och vit cirkel",
        "En svart flagga med vita vågiga streck upptill där originalet har text, och en "
        "vit cirkel med tre mörka streck i mitten. Texten är inte återgiven.",
        svart_flagga),
    "tawhid-fingret": ("Uppsträckt pekfinger", "En knuten hand med pekfingret rakt upp.",
                       pekfinger),
    "baqiya": ("Ordet baqiya", "Det arabiska ordet baqiya skrivet med arabiska bokstäver på "
               "en skylt, med translitterationen baqiya under.", baqiya),
}


def svg(title: str, desc: str, body: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" '
        f'viewBox="0 0 {SIZE} {SIZE}" role="img" aria-labelledby="titel beskrivning">\n'
        f'<title id="titel">{escape(title)}</title>\n'
        f'<desc id="beskrivning">{escape(desc)}</desc>\n'
        f"{plate(body)}\n"
        "</svg>\n"
    )


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for slug, (title, desc, draw) in DRAWINGS.items():
        folder = SYMBOLS / slug
        target = folder / "bild.svg"
        text = svg(title, desc, draw())
        if check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(str(target.relative_to(ROOT)))
            continue
        folder.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    if check and stale:
        print("inaktuella bilder, kör tools/draw_symbols.py:", *stale, sep="\n  ")
        return 1
    if not check:
        print(f"skrev {len(DRAWINGS)} bilder i {SYMBOLS.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
