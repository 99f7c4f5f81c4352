#!/usr/bin/env python3
"""Skriver bildspelen till föreläsningarna (content/forelasningar/*/bildspel.pdf).

Varje bildspel är en liten, giltig PDF med en textsida per bild, i A4 liggande format,
satt med PDF:ens inbyggda Helvetica. Utdata är deterministiska (inga tidsstämplar), så
en ny körning ger samma filer. Skriptet använder bara Pythons standardbibliotek.

    python3 tools/make_slides.py            # skriver alla bildspel
    python3 tools/make_slides.py --check    # kontrollerar att bildspelen är aktuella
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LECTURES = ROOT / "content" / "forelasningar"

WIDTH, HEIGHT = 842, 595  # A4 liggande, punkter
MARGIN = 64

# slug: (titel, [(rubrik, [punkter])])
SLIDES = {
    "propaganda-pa-natet": ("Våldsbejakande propaganda på nätet", [
        ("Tre miljöer på nätet", [
            "Vit makt-miljön, den autonoma miljön och den våldsbejakande islamistiska miljön finns alla på nätet.",
            "Internet och sociala medier är viktiga kanaler för påverkan och rekrytering.",
        ]),
        ("Så ser propagandan ut", [
            "Humor, bilder och filmklipp snarare än långa texter.",
            "Koder som bara de invigda förstår, till exempel 88 och 1488.",
            "Från öppna forum till slutna grupper och chattar.",
        ]),
        ("Vad kan jag göra?", [
            "Träna källkritik tidigt: vem är avsändaren och vad vill den?",
            "Fråga nyfiket vad eleven har sett och delat. Döm inte.",
            "Vid oro: följ stadens rutin och kontakta samordnaren.",
        ]),
    ]),
    "svenska-terrorister": ("Svenska terrorister – vilka är de och varför?", [
        ("Ingen enskild profil", [
            "Vägarna in i våldsbejakande extremism ser olika ut.",
            "Tillhörighet, mening och enkla förklaringar lockar.",
        ]),
        ("Resande och återvändare", [
            "Sedan 2012 har omkring 300 personer rest från Sverige till terrororganisationer i Syrien och Irak.",
            "En del har återvänt, ibland med barn.",
        ]),
        ("Stadens roll", [
            "Socialtjänsten kan inte tvinga vuxna till insatser men kan erbjuda stöd.",
            "För barn gäller samma skydd som för alla barn: orosanmälan är vägen in.",
            "Misstanke om grova krigsbrott lämnas till polisen.",
        ]),
    ]),
    "stockholms-nazister": ("Stockholms nazister – vit makt-miljön i dag", [
        ("Den vanligaste miljön i stadens lägesbilder", [
            "Vit makt-miljön syns oftast i stadens verksamheter.",
            "Klistermärken, flygblad i brevlådor och klotter, också på skolor.",
        ]),
        ("Känn igen symbolerna", [
            "Runor, flaggor och sifferkoder som 88, 14 och 1488.",
            "Sammanhanget avgör: många tecken har harmlösa betydelser.",
        ]),
        ("Gör så här", [
            "Rapportera i IA och på blanketten för avidentifierad information.",
            "Ta bort propagandan snabbt.",
            "Se och fråga: unga som dras till miljön söker ofta gemenskap.",
        ]),
    ]),
    "att-lamna-extremism": ("Att lämna en våldsbejakande miljö", [
        ("Avhopp är en process", [
            "Tvivel, trötthet och nya relationer spelar ofta in.",
            "Den som lämnar förlorar ofta vänner, sammanhang och trygghet.",
        ]),
        ("Stödet i Stockholms stad", [
            "Stöd på samma villkor som för den som lämnar grov brottslighet.",
            "Den stadsövergripande avhopparverksamheten vid särskilt skyddsbehov.",
            "Sociala insatsgrupper, med personens samtycke.",
        ]),
        ("Anhöriga", [
            "Anhöriga är viktiga och kan behöva eget stöd.",
            "Lotsfunktionen tar emot samtal från anhöriga och avhoppare.",
        ]),
    ]),
    "anmalningsskyldighet-och-orosanmalan": ("Anmälningsskyldighet och orosanmälan", [
        ("När ska skolan anmäla?", [
            "Vid konkreta misstankar om att ett barn kan komma att fara illa.",
            "Du behöver inte vara säker. Socialtjänsten utreder.",
        ]),
        ("Oro med koppling till extremism", [
            "Oron kan gälla barnet självt eller barnets miljö.",
            "Blanketten för avidentifierad information ersätter inte en orosanmälan.",
        ]),
        ("Vad händer sedan?", [
            "Socialtjänsten bedömer anmälan och kan inleda en barnavårdsutredning.",
            "Socialförvaltningen stödjer stadsdelarna, bland annat genom förstärkningsteamet.",
        ]),
    ]),
}


def pdf_text(text: str) -> bytes:
    """En textsträng för innehållsströmmen, i WinAnsi-kodning (Helvetica)."""
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def info_text(text: str) -> bytes:
    """En textsträng för dokumentinformationen, i UTF-16BE med BOM."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def line(font: str, size: int, x: float, y: float, text: str) -> bytes:
    return b"BT /%s %d Tf %g %g Td %s Tj ET\n" % (font.encode(), size, x, y, pdf_text(text))


def page_stream(title: str, number: int, total: int, heading: str, points: list[str]) -> bytes:
    out = b"0.96 0.95 0.93 rg 0 0 %d %d re f\n" % (WIDTH, HEIGHT)
    out += b"0.10 0.10 0.10 rg\n"
    y = HEIGHT - MARGIN - 20
    size = 34 if heading else 40
    for part in textwrap.wrap(heading or title, 40):
        out += line("F2", size, MARGIN, y, part)
        y -= size + 14
    y -= 16
    for point in points:
        first = True
        for part in textwrap.wrap(point, 62):
            out += line("F1", 22, MARGIN + (0 if first else 22), y, ("\u2013 " if first else "") + part)
            first = False
            y -= 32
        y -= 10
    out += b"0.36 0.35 0.33 rg\n"
    out += line("F1", 12, MARGIN, 36, f"{title} \u00b7 {number}/{total}")
    out += line("F1", 12, WIDTH - MARGIN - 170, 36, "Stockholms stad \u00b7 exempel")
    return out


def build_pdf(title: str, slides: list[tuple[str, list[str]]]) -> bytes:
    pages = [("", ["Föreläsning för Stockholms stads medarbetare", "Kunskapsbanken om våldsbejakande extremism"])]
    pages += slides
    count = len(pages)
    objects: list[bytes] = []
    # 1 katalog, 2 sidträd, 3-4 typsnitt, 5 info, sedan (sida, ström) par
    first_page = 6
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(count))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R /Lang (sv-SE) >>")
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    objects.append(b"<< /Title %s /Author %s /Producer (tools/make_slides.py) >>" % (
        info_text(title), info_text("Stockholms stad (exempel)")))
    for index, (heading, points) in enumerate(pages):
        stream = page_stream(title, index + 1, count, heading, points)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>"
            % (WIDTH, HEIGHT, first_page + 2 * index + 1)
        )
        objects.append(b"<< /Length %d >>\nstream\n%sendstream" % (len(stream), stream))
    out = bytearray(b"%PDF-1.4\n%\xe5\xe4\xf6\xc5\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for slug, (title, slides) in SLIDES.items():
        target = LECTURES / slug / "bildspel.pdf"
        data = build_pdf(title, slides)
        if check:
            if not target.exists() or target.read_bytes() != data:
                stale.append(str(target.relative_to(ROOT)))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    if check and stale:
        print("inaktuella bildspel, kör tools/make_slides.py:", *stale, sep="\n  ")
        return 1
    if not check:
        print(f"skrev {len(SLIDES)} bildspel i {LECTURES.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
