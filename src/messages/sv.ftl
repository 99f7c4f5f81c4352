# Svenska texter till felmeddelandena, med samma koder som en.ftl. Argument: {namn}.

kind.nothing = ingenting
kind.bool = sant/falskt (true/false)
kind.number = ett tal
kind.text = text
kind.list = en lista
kind.fields = en grupp fält
expect.text = en text
expect.number = ett tal
expect.bool = true eller false
expect.date = ett datum som ÅÅÅÅ-MM-DD
expect.items = punkterna som `[en, två]`
expect.file = namnet på en fil i sidans mapp
expect.email = en e-postadress
expect.phone = ett telefonnummer
expect.url = en webbadress som börjar med https://
expect.records = raderna

file.changed = filen ändrades medan webbplatsen byggdes; bygg igen när den är sparad
file.unreadable = filen går inte att läsa: {reason}
file.unreadable/entry = den går inte att läsa, så inget i den publiceras: {reason}
file.encoding = filen är inte sparad som UTF-8; spara den som UTF-8 i din textredigerare

output.holds_site = utmatningsmappen {output} innehåller själva webbplatsen; välj en annan --output
output.inside_site = utmatningsmappen {output} ligger i webbplatsens mapp {folder}/; välj en annan --output
output.is_file = {output} är en fil; --output måste vara en mapp
output.foreign = {output} finns redan och är inte skapad av lots, så den ersätts inte. Ta bort den eller välj en annan --output
output.create = kan inte skapa {folder}: {reason}
output.staging = kan inte skapa en mapp för den nya webbplatsen i {folder}: {reason}
output.write = kan inte skriva {path}: {reason}. Den förra webbplatsen i {output} är kvar som den var
output.swap = kan inte sätta den nya webbplatsen på plats i {output}: {reason}. Den förra webbplatsen är kvar som den var

io.not_found = den finns inte (den kan ha flyttats eller tagits bort under tiden)
io.permission = åtkomst nekad: ditt konto får inte öppna den; kontrollera rättigheter och ägare (ls -l)
io.storage_full = disken är full; frigör utrymme (töm papperskorgen, ta bort gamla filer) och försök igen
io.quota = din diskkvot är slut; ta bort några filer och försök igen
io.is_directory = det är en mapp, inte en fil
io.not_a_directory = en del av sökvägen är en fil där det ska vara en mapp
io.read_only = disken är skrivskyddad; välj en mapp på en disk du kan skriva till
io.invalid_data = innehållet är skadat
io.too_large = den är större än systemet tillåter
io.cut_off = den tar slut för tidigt (den är ofullständig); spara den igen
io.exists = det finns redan något med det namnet
io.not_empty = mappen är inte tom

front_matter.missing = filen måste börja med ett sidhuvud: en rad `---`, fält som `title: ...` och en avslutande rad `---`
front_matter.unclosed = sidhuvudet avslutas aldrig: lägg till en rad `---` efter fälten
front_matter.unclosed_toml = sidhuvudet avslutas aldrig: lägg till en rad `+++` efter fälten
front_matter.toml_syntax = sidhuvudet kan inte läsas som TOML ({reason}); kontrollera citattecknen, likhetstecknen och [hakparenteserna]
front_matter.toml_number = talet är för stort eller för litet för att sparas; skriv ett mindre tal, eller sätt det inom citattecken om det är text
front_matter.toml_too_deep = TOML-blocket är för djupt kapslat: lots läser högst 32 nivåer av listor och tabeller i varandra; skriv det plattare
front_matter.not_fields = sidhuvudet måste bestå av fält (`title: ...`), inte {kind}
front_matter.sort_by = `sort_by: {value}` är inte en av {allowed}; skriv en av dem
front_matter.path = `path: {value}` måste vara en sökväg inne på webbplatsen, till exempel docs/intro, utan `..`; skriv sidans adress från webbplatsens rot
front_matter.redirect_to = `redirect_to: {value}` måste vara en webbadress som börjar med https:// eller en sökväg inne på webbplatsen, till exempel docs/intro, utan `..`
front_matter.zola_field = `{field}` kommer från Zola, och Lots gör inget med det; ta bort raden
front_matter.zola_field/render_page = `render` kommer från Zola, och Lots har ingen sådan inställning: sidan skrivs och listas som vanligt; ta bort raden, eller gör sidan till ett utkast (`draft`) för att utelämna den
front_matter.zola_field/render_section = `render` kommer från Zola, och Lots har ingen sådan inställning: avsnittets egen sida skrivs som vanligt; ta bort raden, eller skicka läsaren vidare med `redirect_to`
front_matter.zola_field/generate_feeds = `generate_feeds` kommer från Zola: Lots gör inga flöden (RSS eller Atom) och bygger avsnittet utan; ta bort raden
front_matter.zola_field/insert_anchor_links = `insert_anchor_links` ({value}) kommer från Zola: Lots lägger inga länkar bredvid rubrikerna, men varje rubrik har ett id att länka till (`#id`); ta bort raden
front_matter.zola_field/paginate_path = `paginate_path` ({value}) kommer från Zola: Lots numrerar alltid ett avsnitts följande sidor page/2/, page/3/ och så vidare; ta bort raden

yaml.colon_in_value = värdet i `{field}` innehåller ett kolon följt av mellanslag, och då tror YAML att ett nytt fält börjar; sätt hela värdet inom citattecken: `{field}: "{value}"`
yaml.missing_space = det saknas ett mellanslag efter kolonet i `{written}`; skriv `{field}: {value}`
yaml.tab = raden är indragen med tabb; YAML kräver mellanslag: byt tabben mot mellanslag
yaml.indent = raden är indragen på ett annat sätt än raderna ovanför; fält på samma nivå ska ha lika många mellanslag först på raden
yaml.unclosed_quote = citattecknet {quote} som börjar här avslutas aldrig; avsluta värdet med {quote} på samma rad
yaml.too_large = YAML-blocket är för stort: lots läser högst 250 000 värden i ett block; dela upp det, eller flytta ut långa listor ur det
yaml.too_deep = YAML-blocket är för djupt kapslat: lots läser högst 32 nivåer av listor och fält i varandra; skriv det plattare
yaml.too_many_aliases = YAML-blocket upprepar sina ankare (`&namn`) och alias (`*namn`) så mycket att det skulle bli enormt när det läses; skriv ut värdena i stället för att använda alias
yaml.duplicate_key = `{field}` står två gånger; behåll en av dem (YAML tillåter varje fält en gång)
yaml.unknown_alias = `*{name}` hänvisar till ett ankare `&{name}` som inte finns ovanför; skriv ankaret först, eller skriv ut värdet
yaml.number_range = talet är för stort eller för litet för att sparas; skriv ett mindre tal, eller sätt det inom citattecken om det är text
yaml.merge = `<<:` slår ihop fält med de här: det behöver fält, eller ett alias för fält (`<<: *namn`), inte en lista med värden
yaml.bad_escape = texten inom citattecken har en trasig kod efter ett omvänt snedstreck (som `\uD800`); skriv tecknet självt, eller `\\` för ett omvänt snedstreck, eller använd enkla citattecken
yaml.syntax = raden går inte att läsa ({detail}); kontrollera kolon, citattecken och indrag

schema.date = `{field}: {value}` är inte ett datum; skriv det som ÅÅÅÅ-MM-DD (till exempel 2020-03-31)
schema.date_impossible = `{field}: {value}`: {day} {month} {year} finns inte; kontrollera dag och månad
schema.date_dash = `{field}: {value}` har ett {dash} i stället för ett vanligt bindestreck (-), ofta inklistrat från Word; skriv datumet igen som ÅÅÅÅ-MM-DD med vanliga bindestreck

schema.required = `{field}` måste fyllas i för sidor i {collection}{why}; lägg till `{field}: ...`
schema.required_record = `{field}` måste fyllas i för varje rad i `{list}`{why}; lägg till `{field}: ...`
schema.requires = när `{field}` är ifyllt måste också `{needed}` fyllas i; lägg till `{needed}: ...`
schema.unknown_key = fältet `{field}` finns inte; tillåtna fält är {allowed}; egna uppgifter läggs under `extra:`
schema.unknown_key_collection = fältet `{field}` finns inte; tillåtna fält är {allowed}, eller fälten för {collection}: {fields}
schema.unknown_key_suggest = fältet `{field}` finns inte; menade du `{suggestion}`? Tillåtna fält är {allowed}, eller fälten för {collection}: {fields}
schema.unknown_field = fältet `{field}` finns inte i raderna i `{list}`; tillåtna fält är {allowed}
schema.enum = `{field}: {value}` är inte ett av de tillåtna värdena: {allowed}
schema.enum_suggest = `{field}: {value}` är inte ett av de tillåtna värdena: {allowed}; menade du {suggestion}?
schema.number = `{field}` ska vara ett tal, inte {kind}
schema.bool = `{field}` ska vara true eller false, inte {kind}
schema.not_text = `{field}` kan inte behållas som det är skrivet (YAML läser det som {kind}); sätt värdet inom citattecken ("...")
schema.wrong_type = `{field}` ska vara text, inte {kind}
schema.email = `{field}: {value}` är inte en e-postadress (som namn@stockholm.se)
schema.phone = `{field}: {value}` är inte ett telefonnummer (siffror, mellanslag, + - och parenteser)
schema.url = `{field}: {value}` är inte en webbadress som börjar med https://
schema.file_name = `{field}: {value}` ska vara namnet på en fil i sidans mapp
schema.file_type = `{field}: {value}` ska vara en .{extensions}-fil
schema.file_outside = `{field}: {value}` pekar utanför mappen content
schema.file_missing = `{value}` finns inte: det finns ingen fil content/{path}; lägg filen i sidans mapp eller rätta namnet
schema.records = `{field}` ska vara en lista med rader (som börjar med `- `)
schema.record_item = varje rad i `{field}` ska bestå av fält, inte {kind}
schema.unique = `{field}: {value}` finns två gånger i `{list}` (första gången på rad {line}); varje rad behöver ett eget värde i `{field}`
schema.placeholder = `{field}` innehåller fortfarande platshållaren `FYLL I`; skriv {what}{why}
schema.placeholder_enum = `{field}` innehåller fortfarande platshållaren `FYLL I`; skriv ett av {allowed}{why}
schema.placeholder_list = `{field}` innehåller fortfarande platshållaren `FYLL I`; skriv några av {allowed} som `[en, två]`{why}
schema.placeholder_file = `{field}` innehåller fortfarande platshållaren `FYLL I`; skriv namnet på en .{extensions}-fil i sidans mapp{why}
schema.date_no_month = `{field}: {value}`: det finns ingen månad {month}; skriv datumet som ÅÅÅÅ-MM-DD
dash.en = tankstreck (–)
dash.em = långt tankstreck (—)
dash.minus = minustecken (−)
dash.other = långt streck
month.1 = januari
month.2 = februari
month.3 = mars
month.4 = april
month.5 = maj
month.6 = juni
month.7 = juli
month.8 = augusti
month.9 = september
month.10 = oktober
month.11 = november
month.12 = december
yaml.expected_list = `{field}` ska vara en lista: skriv `{field}: [{value}]`, eller varje punkt på en egen rad som börjar med `- ` under `{field}`
yaml.expected_fields = `{field}` ska innehålla fält: skriv dem på egna rader under `{field}`, indragna med två mellanslag (`  namn: värde`)

link.internal.missing = `{link}` pekar på content/{path}, som inte finns; länkar inom kunskapsbanken skrivs @/mapp/fil.md
link.internal.missing/file = `{link}` pekar på content/{path}, som inte finns; lägg filen där eller rätta länken
link.internal.missing/draft = `{link}` pekar på ett utkast som inte är publicerat; ta bort länken eller publicera sidan
link.internal.missing/outside = `{link}` pekar utanför mappen content
link.internal.missing/above_root = `{link}` leder ut ur webbplatsen, ovanför dess översta mapp; länka till en sökväg inuti den
link.anchor.missing = `{link}` pekar på en rubrik som inte finns på den sidan; kontrollera rubrikens namn
link.anchor.missing/own = `{link}` pekar på en rubrik som inte finns på den här sidan; kontrollera rubrikens namn
link.scheme = länkar som börjar med `{scheme}:` är inte tillåtna (bara {allowed}); skriv en webbadress eller en @/-länk
link.scheme/rooted = `{link}` börjar med `{scheme}:` efter `/`, vilket webbläsare läser som en `{scheme}:`-länk; sådana länkar är inte tillåtna: skriv en webbadress (https://…) utan `/`, eller en @/-länk

# Kortkoder.
shortcode.unknown = det finns ingen kortkod `{name}`; lägg till templates/shortcodes/{name}.html (eller {name}.md), eller rätta namnet
shortcode.render = kortkoden `{name}` misslyckades i {template}: {error}
shortcode.syntax = kortkoden `{name}` är inte skriven som `{name}(argument=värde, …)`
shortcode.syntax/name = argumenten till kortkoden `{name}` är felskrivna: här ska ett arguments namn stå, som i `{name}(title="…")`
shortcode.syntax/equals = argumentet `{arg}` till kortkoden `{name}` saknar värde; skriv det som `{arg}=värde`
shortcode.syntax/value = argumentet `{arg}` till kortkoden `{name}` har inget giltigt värde; skriv en text inom citattecken ("…", '…' eller `…`), ett tal, true, false eller en lista inom [ ]
shortcode.syntax/string = texten i argumentet `{arg}` till kortkoden `{name}` avslutas aldrig; avsluta den med samma citattecken som den börjar med
shortcode.syntax/separator = argumenten till kortkoden `{name}` är felskrivna; skilj dem åt med kommatecken och avsluta med `)`
shortcode.syntax/close = kortkoden `{name}` avslutas inte; avsluta den med `{close}`
shortcode.unclosed = kortkoden `{name}` saknar `{% end %}`; skriv `{% end %}` efter dess innehåll
shortcode.end = `{% end %}` avslutar ingen kortkod; ta bort den, eller börja kortkoden före den med `{% name() %}`
shortcode.nested = kortkoden `{name}` med innehåll står inuti en annan kortkods innehåll; avsluta den första med `{% end %}` innan nästa börjar

front_matter.no_title = sidan saknar rubrik; lägg till `title: ...` i sidhuvudet
yaml.text_after_quote = det står text efter citattecknet som avslutar värdet; sätt hela värdet inom citattecknen, och använd ' för citat inne i texten
yaml.unclosed_bracket = hakparentesen {bracket} som börjar här avslutas aldrig; avsluta listan med {close} på samma rad, eller sätt värdet inom citattecken om det är text

config.synonym.alone = en grupp synonymer behöver minst två ord eller fraser som betyder samma sak: `[hemvändare, återvändare]`
config.synonym.one_way = en synonym åt ett håll behöver både `from` och `to`, som `from: Säpo` och `to: [Säkerhetspolisen]`
config.synonym.key = `{key}` hör inte till en synonym; en synonym åt ett håll har bara `from` och `to`
config.synonym.shape = en synonym är en lista med ord som betyder samma sak, `[a, b]`, eller en synonym åt ett håll med `from` och `to`, inte {kind}
config.synonym.empty = listan är tom; skriv minst ett ord eller en fras
config.synonym.not_text = en synonym måste vara ett ord eller en fras, inte {kind}
config.synonym.no_word = `{text}` har ingen bokstav eller siffra, så ingen sökning kan innehålla det; skriv ett ord eller ta bort det
config.csp.directive = `content_security_policy` kan inte lägga till källor i `{directive}`; skript och stilmallar kommer bara från webbplatsen själv; lägg till servrar under någon av: {allowed}
config.csp.source = `{source}` är ingen server som policyn kan tillåta; skriv serverns adress, som `https://video.example.se`
config.csp.shape = `content_security_policy` räknar upp servrar under den regel de gäller, som `media-src: [https://video.example.se]`, inte {kind}

zola.syntax = det här är inte giltig TOML ({detail}); kontrollera citattecken, hakparenteser och likhetstecken
zola.type = `{key}` ska vara {expected}, inte {kind}
zola.taxonomy_name = varje taxonomi behöver ett `name`, som `{name = "tags"}`
zola.too_deep = värdet är för djupt nästlat: lots läser högst 32 nivåer av listor och tabeller i varandra; skriv det plattare
zola.no_title = {file} saknar `title`; lots använder mappens namn, `{title}`, tills du lägger till `title = "..."`
zola.both = både config.yaml och {file} finns här: lots läser config.yaml och lämnar {file} oläst; ta bort {file} när config.yaml har det du behöver från den
zola.unknown = `{key}` är ingen inställning i Zola eller i lots, så den läses inte; lägg egna uppgifter under `[extra]`
zola.ignored = `{key}` är en inställning i Zola som lots inte använder: {instead}
zola.kind.text = text
zola.kind.integer = ett heltal
zola.kind.count = ett heltal större än 0
zola.kind.float = ett decimaltal
zola.kind.bool = true eller false
zola.kind.datetime = ett datum eller en tid
zola.kind.list = en lista
zola.kind.tables = en lista med tabeller, som `[{name = "tags"}]`
zola.kind.table = en tabell
zola.instead.theme = lots visar webbplatsen med sitt eget tema (en webbplats kan ange `theme:` i config.yaml för ett tema i themes/ skrivet för lots); Zolas teman läses inte
zola.instead.output_dir = lots skriver webbplatsen till public/, eller till mappen som anges med `lots build --output`
zola.instead.output_replaced = lots byter ut hela utdatamappen när ett bygge lyckas
zola.instead.sass = lots kompilerar inte Sass; lägg färdiga CSS-filer i static/
zola.instead.minify = lots minifierar inte HTML
zola.instead.ignored_files = lots publicerar varje fil i content/ som en sida länkar till eller som ligger i en sidas mapp, och allt i static/
zola.instead.feeds = lots gör inga Atom- eller RSS-flöden
zola.instead.sitemap = lots skriver alltid sitemap.xml med alla publicerade sidor
zola.instead.robots = lots skriver ingen robots.txt; lägg en egen i static/
zola.instead.static_copied = lots kopierar filerna i static/
zola.instead.author = lots har ingen förvald författare; skriv författaren i varje sidas sidhuvud
zola.instead.taxonomy_root = lots lägger varje taxonomis sidor överst på webbplatsen (/tags/)
zola.instead.search_always = lots bygger alltid sitt sökindex: sökningen finns på varje sida, också utan nätverk
zola.instead.languages = lots bygger webbplatsen på ett språk, dess `language`; de andra språkens inställningar läses inte
zola.instead.translations = lots tema har egna svenska och engelska texter; översättningar läses inte
zola.instead.highlighting = lots färgar kodblock själv, med sitt temas färger
zola.instead.emoji = lots lämnar emojikoder som :smile: som de är skrivna
zola.instead.external_links = lots skriver länkar till andra webbplatser som vanliga länkar, utan class, target eller rel
zola.instead.smart_punctuation = lots gör alltid om citattecken, streck och ... till typografiska tecken
zola.instead.definition_list = lots läser inte definitionslistor; de visas som vanliga stycken
zola.instead.footnotes = lots visar fotnoter där pulldown-cmark placerar dem, vid deras definitioner
zola.instead.lazy_images = lots laddar alltid bilder när de behövs, med bredd och höjd angivna
zola.instead.anchor_links = lots ger varje rubrik ett id att länka till men lägger ingen ankarlänk bredvid den
zola.instead.alerts = lots visar `> [!NOTE]`-block som vanliga citat
zola.instead.link_checker = `lots check` kontrollerar varje länk; lägg adresser som inte ska anropas i `check.skip_external` i config.yaml
zola.instead.internal_links = lots vägrar alltid bygga med en trasig intern länk
zola.instead.external_level = `lots check --external` rapporterar externa länkar som inte fungerar som varningar, som fel med --strict
zola.instead.slugify = lots gör adresserna till sidor, termer och rubriker till ASCII med små bokstäver
zola.instead.search = lots indexerar varje sidas rubrik, andra namn och text
zola.instead.index_format = lots skriver sitt eget sökindex som JavaScript-filer som också laddas från file://
zola.instead.paginate_path = lots namnger själv de extra sidorna i en lång termlista
zola.instead.taxonomy_render = lots gör alltid en sida för varje taxonomi och var och en av dess termer

init.created = En ny webbplats finns nu i {dir}: config.yaml, content/_index.md och content/{section}/ med en sida
init.not_empty = {dir} innehåller redan en webbplats ({found}); lots init startar bara en webbplats i en tom mapp och ersätter aldrig en fil: välj en annan mapp
init.write = kan inte skriva {path}: {reason}
init.not_zola = {dir} har varken zola.toml eller config.toml, så det är ingen Zola-webbplats: ange mappen som innehåller Zolas zola.toml (eller config.toml) och content/
init.loop = {dir} ligger i {inside}, som lots init kopierar från; välj en mapp utanför Zola-webbplatsens content/, static/ och templates/
init.from_zola = En webbplats finns nu i {dir}, gjord av Zola-webbplatsen i {zola}: {copied} kopierades, och config.yaml skrevs från {file}
init.not_carried = Fördes inte över:
init.zola_templates = {path}: Zolas mallar används inte; lots eget tema visar sidorna (templates/shortcodes/ kopieras)
init.zola_sass = {path}: lots kompilerar inte Sass; lägg den kompilerade CSS:en i static/
init.zola_themes = {path}: Zolas teman används inte; lots eget tema visar sidorna
init.read = kan inte läsa {path}: {reason}
init.zola_link = {path}: en symbolisk länk, som inte kopierades; kopiera det den pekar på för hand om webbplatsen behöver det
init.yaml_header = Skriven av `lots init --from-zola` från {zola}; vad lots gör med varje inställning i Zola står i README för lots, "Coming from Zola".
init.serve_hint = Se den med `lots serve{root}`, eller bygg den med `lots build{root}`

# Det ett misslyckat bygge säger sist.
build.failed_one = Bygget misslyckades: 1 fel.
build.failed_many = Bygget misslyckades: {count} fel.
build.failed_because = Bygget misslyckades: {reason}

# Det ett lyckat bygge säger ({seconds} och {size} skrivs med språkets decimaltecken).
build.done = Byggde {files} sidor på {seconds} s ({pages} sidor, {sections} avsnitt) i {output}
build.images = Bilder: {made} gjorda, {reused} från cachen
build.pruned = Bildcachen: tog bort {files} filer ({size} MB) som inget bygge har använt på {days} dagar

# lots check: dess sammanfattning ({errors} och {warnings} är antal som nedan) och det den säger bredvid.
check.group = {kind}: {errors}, {warnings}
check.summary = Kontroll: {errors}, {warnings} (i dag är det {today}).
check.summary_strict = Kontroll med --strict: {errors}, {warnings} (i dag är det {today}).
check.errors_one = 1 fel
check.errors_many = {count} fel
check.warnings_one = 1 varning
check.warnings_many = {count} varningar
check.note = obs: {note}
check.failed = Kontrollen misslyckades: {reason}
check.external_skipped = --external: {count} av länkarna efterfrågades inte (check.skip_external)

# lots bundle.
bundle.done = Packade {count} filer i {zip}; packa upp den och öppna {name}/index.html
bundle.temporary = kan inte skapa en tillfällig mapp att bygga i: {reason}
bundle.write = kan inte skriva {zip}: {reason}

# lots serve.
serve.edit_not_local = --edit kan inte användas med --bind {address}: redigeringen skriver i content/ och har ingen inloggning, så den lyssnar bara på den här datorn. Utelämna --bind (eller använd --bind 127.0.0.1) för att redigera, eller utelämna --edit för att visa webbplatsen för andra datorer.

# Bilder. Ett skäl (`image.why.*`, `image.cache.*`) är ett ord i meddelandet som anger det;
# skälets egna argument är meddelandets.
image.invalid = bilden {image} kan inte användas: {why}
image.invalid/file = {why}
image.invalid/template = {why} (en malls resize_image använder den)
image.invalid/cache_folder = kan inte skapa bildcachen: {reason}
image.warning/cache_damaged = den sparade kopian av {image} var skadad ({why}); den har gjorts om
image.why.refused = {format}-bilder kan inte publiceras: lots kan inte ta bort deras metadata (EXIF, GPS-position); spara bilden som JPEG, PNG eller WebP
image.why.unreadable = den går inte att läsa: {reason}
image.why.svg_encoding = SVG-filen är inte giltig UTF-8-text; spara den som UTF-8
image.why.no_pixels = {format}-bilden har inga bildpunkter
image.why.too_large = {format}-bilden är för stor för att bearbetas; spara den mindre (några tusen bildpunkter bred räcker gott för en webbsida)
image.why.variant = {format}-filen använder en variant av formatet som lots inte kan läsa; öppna den i ett bildprogram och spara den igen som en vanlig {format}
image.why.cut_off = {format}-filen är avklippt (ofullständig), som efter en avbruten nedladdning eller kopiering; spara eller kopiera den igen från originalet
image.why.damaged = {format}-filen är skadad: innehållet följer inte formatet {format}; spara den igen från originalet
image.why.broken = {format}-filen är avklippt (ofullständig) eller skadad, som efter en avbruten nedladdning eller kopiering; spara eller kopiera den igen från originalet
image.why.other_format = det är en {format}-bild, och sådana publicerar lots inte; spara den som JPEG, PNG eller WebP
image.why.not_an_image = det är inte en JPEG-, PNG-, GIF- eller WebP-bild (innehållet är inget bildformat som lots känner till)
image.why.encode = kan inte skriva kopian i {format}: {detail}
image.why.cache_write = kan inte skriva {path} till cachen: {reason}
image.cache.no_hash = filnamnet saknar kontrollsumman för innehållet
image.cache.mismatch = innehållet stämmer inte med kontrollsumman i filnamnet
image.cache.folder = en mapp står i dess ställe
image.cache.unreadable = den går inte att läsa: {reason}
image.cache.no_hash_file = kontrollsumman bredvid den saknas eller går inte att läsa
image.cache.mismatch_file = innehållet stämmer inte med kontrollsumman bredvid den

markdown.warning/alt_missing = bilden saknar alternativtext; skriv en beskrivning mellan hakparenteserna: ![beskrivning](fil.png)
markdown.warning/raw_html = rå HTML visas som text och publiceras inte som kod; använd Markdown i stället

# SVG-bilder: vad som inte tas emot, och vad som tas bort innan en publiceras.
svg.no_svg = det finns inget <svg>-element: det här är ingen SVG-bild
svg.bad_reference = ett `&` som inte inleder någon teckenreferens; skriv &amp; för ett et-tecken
svg.never_closed = elementet avslutas aldrig
svg.wrong_end = </{element}> avslutar inte <{open}>, elementet som är öppet här
svg.stray_end = </{element}> avslutar inget element
svg.unclosed_comment = kommentaren avslutas inte med -->
svg.unclosed_cdata = CDATA-avsnittet avslutas inte med ]]>
svg.unclosed_end_tag = sluttaggen avslutas inte med >
svg.unclosed_instruction = bearbetningsinstruktionen avslutas inte med ?>
svg.unclosed_doctype = <!DOCTYPE> avslutas inte med >
svg.entities = en SVG vars DOCTYPE deklarerar entiteter tas inte emot (entiteter kan växa utan slut eller läsa lokala filer); ta bort delen <!DOCTYPE ...>
svg.stray_lt = ett `<` som inte inleder någon tagg; skriv &lt; för ett mindre än-tecken
svg.unclosed_tag = taggen <{element}> avslutas inte med >
svg.attribute_name = `{attribute}` är inget attributnamn i taggen <{element}>
svg.attribute_no_value = attributet `{attribute}` har inget värde; skriv {attribute}="..."
svg.attribute_quotes = värdet av `{attribute}` måste stå inom citattecken
svg.attribute_unclosed = värdet av `{attribute}` avslutas inte
svg.removed_instruction = tog bort en bearbetningsinstruktion (`<?...?>`): en SVG får inte läsa in stilmallar från andra ställen
svg.removed_element = tog bort <{element}>: {why}
svg.removed_attribute = tog bort `{attribute}="{value}"`: {why}
svg.why.code = en SVG får inte köra kod
svg.why.embed = en SVG får inte bädda in HTML eller andra dokument
svg.why.style = en SVG får inte läsa in stilmallar eller filer från andra ställen
svg.why.animation = en animation får inte ändra länkar eller händelsehanterare
svg.why.external = en SVG får inte läsa in filer eller sidor från andra ställen
