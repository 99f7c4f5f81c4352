# English texts of diagnostics, keyed by code. Arguments: {name}. Keep sv.ftl in step.

# Words used inside other texts.
kind.nothing = nothing
kind.bool = true/false
kind.number = a number
kind.text = text
kind.list = a list
kind.fields = a set of fields
expect.text = its text
expect.number = a number
expect.bool = true or false
expect.date = a date as YYYY-MM-DD
expect.items = its items as `[one, two]`
expect.file = the name of a file in the page's folder
expect.email = an e-mail address
expect.phone = a phone number
expect.url = a web address starting with https://
expect.records = its records

# Files.
file.changed = the file changed while the site was being built; build again once it is saved
file.unreadable = the file cannot be read: {reason}
file.unreadable/entry = this cannot be read, so nothing in it is published: {reason}
file.encoding = the file is not valid UTF-8; save it as UTF-8 in your editor

# The output folder.
output.holds_site = the output folder {output} holds the site itself; choose another --output
output.inside_site = the output folder {output} is inside the site's {folder}/ folder; choose another --output
output.is_file = {output} is a file; --output must be a folder
output.foreign = {output} exists and was not made by lots; it will not be replaced. Delete it or choose another --output
output.create = cannot create {folder}: {reason}
output.staging = cannot make a folder for the new site in {folder}: {reason}
output.write = cannot write {path}: {reason}. The previous site in {output} is left as it was
output.swap = cannot put the new site in place of {output}: {reason}. The previous site is left as it was

# Why a file cannot be read or written.
io.not_found = it does not exist (it may have been moved or deleted meanwhile)
io.permission = permission denied: your user may not open it; check its permissions and owner (ls -l)
io.storage_full = the disk is full; free some space (empty the trash, delete old files) and try again
io.quota = your disk quota is used up; delete some files and try again
io.is_directory = it is a folder, not a file
io.not_a_directory = a part of its path is a file where a folder should be
io.read_only = the disk is read-only; choose a folder on a disk you can write to
io.invalid_data = its contents are damaged
io.too_large = it is larger than the system allows
io.cut_off = it ends too early (it is incomplete); save it again
io.exists = something of that name is already there
io.not_empty = the folder is not empty

# Front matter.
front_matter.missing = the file must start with front matter: a line `---`, YAML such as `title: ...`, and a closing `---`
front_matter.unclosed = the front matter is never closed: add a line `---` after it
front_matter.unclosed_toml = the front matter is never closed: add a line `+++` after it
front_matter.toml_syntax = this front matter cannot be read as TOML ({reason}); check the quotes, the `=` signs and the [brackets]
front_matter.toml_number = this number is too large or too small to be kept; write a smaller number, or put it in quotes if it is text
front_matter.toml_too_deep = this TOML is nested too deeply: lots reads at most 32 levels of arrays and tables inside each other; write it flatter
front_matter.not_fields = the front matter must be fields (`title: ...`), not {kind}
front_matter.sort_by = `sort_by: {value}` is not one of {allowed}; write one of these
front_matter.path = `path: {value}` must be a path inside the site such as docs/intro, without `..`; write the page's address from the site's root
front_matter.redirect_to = `redirect_to: {value}` must be a web address starting with https:// or a path inside the site such as docs/intro, without `..`
front_matter.zola_field = `{field}` comes from Zola, and Lots does not act on it; remove the line
front_matter.zola_field/render_page = `render` comes from Zola, and Lots has no such setting: the page is written and listed as usual; remove the line, or make the page a draft (`draft`) to leave it out
front_matter.zola_field/render_section = `render` comes from Zola, and Lots has no such setting: the section's own page is written as usual; remove the line, or send readers on with `redirect_to`
front_matter.zola_field/generate_feeds = `generate_feeds` comes from Zola: Lots makes no feeds (RSS or Atom) and builds the section without one; remove the line
front_matter.zola_field/insert_anchor_links = `insert_anchor_links` ({value}) comes from Zola: Lots adds no links beside headings, though every heading has an id to link to (`#id`); remove the line
front_matter.zola_field/paginate_path = `paginate_path` ({value}) comes from Zola: Lots always numbers a section's later pages page/2/, page/3/ and so on; remove the line

# YAML written wrongly.
yaml.colon_in_value = the value of `{field}` holds a colon followed by a space, which YAML reads as a new field; put the whole value in quotes: `{field}: "{value}"`
yaml.missing_space = a space is missing after the colon in `{written}`; write `{field}: {value}`
yaml.tab = this line is indented with a tab; YAML needs spaces: replace the tab with spaces
yaml.indent = this line is indented differently from the lines above it; line up fields of the same level with the same number of spaces
yaml.unclosed_quote = the quote {quote} opened here is never closed; end the value with {quote} on the same line
yaml.too_large = this YAML is too large: lots reads at most 250,000 values in one block; split it up, or move long lists out of it
yaml.too_deep = this YAML is nested too deeply: lots reads at most 32 levels of lists and fields inside each other; write it flatter
yaml.too_many_aliases = this YAML repeats its anchors (`&name`) and aliases (`*name`) so much that it would grow enormous when read; write the values out instead of using aliases
yaml.duplicate_key = `{field}` is written twice; keep one of them (YAML allows each field once)
yaml.unknown_alias = `*{name}` refers to an anchor `&{name}` that is not defined above it; define it first, or write the value out
yaml.number_range = this number is too large or too small to be kept; write a smaller number, or put it in quotes if it is text
yaml.merge = `<<:` merges fields into these: it needs fields, or an alias of fields (`<<: *name`), not a list of values
yaml.bad_escape = the quoted text holds a broken escape after a backslash (such as `\uD800`); write the character itself, or `\\` for a backslash, or use single quotes
yaml.syntax = this line cannot be read as YAML ({detail}); check the colons, quotes and indentation

# Dates.
schema.date = `{field}: {value}` is not a date; write it as YYYY-MM-DD (for example 2020-03-31)
schema.date_impossible = `{field}: {value}`: {month} {day}, {year} does not exist; check the day and the month
schema.date_dash = `{field}: {value}` has a {dash} instead of a hyphen (-), often pasted from Word; type the date again as YYYY-MM-DD with ordinary hyphens

# Collection fields.
schema.required = `{field}` is required for {collection} pages{why}; add `{field}: ...`
schema.required_record = `{field}` is required for each record of `{list}`{why}; add `{field}: ...`
schema.requires = `{field}` needs `{needed}` too; add `{needed}: ...`
schema.unknown_key = unknown field `{field}`, expected one of {allowed}; put your own data under `extra:`
schema.unknown_key_collection = unknown field `{field}`, expected one of {allowed}, or a field of {collection} pages: {fields}
schema.unknown_key_suggest = unknown field `{field}`; did you mean `{suggestion}`? Expected one of {allowed}, or a field of {collection} pages: {fields}
schema.unknown_field = unknown field `{field}` in each record of `{list}`; expected one of {allowed}
schema.enum = `{field}: {value}` is not one of {allowed}
schema.enum_suggest = `{field}: {value}` is not one of {allowed}; did you mean {suggestion}?
schema.number = `{field}` must be a number, not {kind}
schema.bool = `{field}` must be true or false, not {kind}
schema.not_text = `{field}` cannot be kept as written (YAML reads it as {kind}); put it in quotes ("...")
schema.wrong_type = `{field}` must be text, not {kind}
schema.email = `{field}: {value}` is not an e-mail address
schema.phone = `{field}: {value}` is not a phone number (digits, spaces, + - and parentheses)
schema.url = `{field}: {value}` is not a web address starting with https://
schema.file_name = `{field}: {value}` must be the name of a file in the page's folder
schema.file_type = `{field}: {value}` must be a .{extensions} file
schema.file_outside = `{field}: {value}` points outside the content folder
schema.file_missing = `{value}` does not exist: there is no file content/{path}
schema.records = `{field}` must be a list of records (lines starting with `- `)
schema.record_item = each item of `{field}` must be a record of fields, not {kind}
schema.unique = `{field}: {value}` is used twice in `{list}` (first on line {line}); each record needs its own `{field}`
schema.placeholder = `{field}` still holds the placeholder `FYLL I`; write {what}{why}
schema.placeholder_enum = `{field}` still holds the placeholder `FYLL I`; write one of {allowed}{why}
schema.placeholder_list = `{field}` still holds the placeholder `FYLL I`; write some of {allowed} as `[one, two]`{why}
schema.placeholder_file = `{field}` still holds the placeholder `FYLL I`; write the name of a .{extensions} file in the page's folder{why}
schema.date_no_month = `{field}: {value}`: there is no month {month}; write the date as YYYY-MM-DD
dash.en = en dash (–)
dash.em = em dash (—)
dash.minus = minus sign (−)
dash.other = long dash
month.1 = January
month.2 = February
month.3 = March
month.4 = April
month.5 = May
month.6 = June
month.7 = July
month.8 = August
month.9 = September
month.10 = October
month.11 = November
month.12 = December
yaml.expected_list = `{field}` must be a list: write `{field}: [{value}]`, or each item on a line of its own starting with `- ` under `{field}`
yaml.expected_fields = `{field}` must hold fields: write them on lines of their own under `{field}`, indented by two spaces (`  name: value`)

# Links.
link.internal.missing = `{link}` links to content/{path}, which does not exist; internal links are written @/folder/file.md
link.internal.missing/file = `{link}` links to content/{path}, which does not exist
link.internal.missing/draft = `{link}` links to a draft, which is not published; remove the link or publish the page
link.internal.missing/outside = `{link}` points outside the content folder
link.internal.missing/above_root = `{link}` leads out of the site, above its top folder; link to a path inside it
link.anchor.missing = `{link}` links to a heading that does not exist in that page
link.anchor.missing/own = `{link}` links to a heading that does not exist in this page
link.scheme = links with `{scheme}:` are not allowed (only {allowed}); write a web address or an @/ link
link.scheme/rooted = `{link}` starts with `{scheme}:` after the `/`, which browsers would read as a `{scheme}:` link; such links are not allowed: write a web address (https://…) without the `/`, or an @/ link

# Shortcodes.
shortcode.unknown = there is no shortcode `{name}`; add templates/shortcodes/{name}.html (or {name}.md), or correct the name
shortcode.render = the shortcode `{name}` failed in {template}: {error}
shortcode.syntax = the shortcode `{name}` is not written as `{name}(argument=value, …)`
shortcode.syntax/name = the arguments of the shortcode `{name}` are written wrongly: an argument's name should come here, as in `{name}(title="…")`
shortcode.syntax/equals = the argument `{arg}` of the shortcode `{name}` has no value; write it as `{arg}=value`
shortcode.syntax/value = the argument `{arg}` of the shortcode `{name}` has no valid value; write a text in quotes ("…", '…' or `…`), a number, true, false, or a list in [ ]
shortcode.syntax/string = the text of the argument `{arg}` of the shortcode `{name}` is never closed; end it with the quote it starts with
shortcode.syntax/separator = the arguments of the shortcode `{name}` are written wrongly; separate them with commas and end them with `)`
shortcode.syntax/close = the shortcode `{name}` is not closed; end it with `{close}`
shortcode.unclosed = the shortcode `{name}` has no `{% end %}`; write `{% end %}` after its body
shortcode.end = `{% end %}` ends no shortcode; remove it, or start the shortcode before it with `{% name() %}`
shortcode.nested = the shortcode `{name}` with a body is inside another shortcode's body; end the first one with `{% end %}` before the next starts

front_matter.no_title = the page has no `title`; add `title: ...` to its front matter
yaml.text_after_quote = there is text after the quote that ends the value; put the whole value inside the quotes, and use ' for quotes inside the text
yaml.unclosed_bracket = the bracket {bracket} opened here is never closed; end the list with {close} on the same line, or put the value in quotes if it is text

config.synonym.alone = a group of synonyms needs at least two words or phrases that mean the same: `[hemvändare, återvändare]`
config.synonym.one_way = a one-way synonym needs both `from` and `to`, as in `from: Säpo` and `to: [Säkerhetspolisen]`
config.synonym.key = `{key}` is not a key of a synonym; a one-way synonym has only `from` and `to`
config.synonym.shape = a synonym is a list of words that mean the same, `[a, b]`, or a one-way synonym with `from` and `to`, not {kind}
config.synonym.empty = the list is empty; write at least one word or phrase
config.synonym.not_text = a synonym must be a word or a phrase, not {kind}
config.synonym.no_word = `{text}` has no letter or digit, so no query can contain it; write a word or remove it
config.csp.directive = `content_security_policy` cannot add sources to `{directive}`; scripts and styles come only from the site itself; add servers under one of: {allowed}
config.csp.source = `{source}` is not a server the policy can allow; write the server's address, such as `https://video.example.se`
config.csp.shape = `content_security_policy` lists servers under the directive they are for, such as `media-src: [https://video.example.se]`, not {kind}

# Zola's zola.toml or config.toml ({file}), read when a site has no config.yaml.
zola.syntax = this is not valid TOML ({detail}); check the quotes, brackets and `=` signs
zola.type = `{key}` must be {expected}, not {kind}
zola.taxonomy_name = each taxonomy needs a `name`, as in `{name = "tags"}`
zola.too_deep = this value is nested too deeply: lots reads at most 32 levels of lists and tables inside each other; write it flatter
zola.no_title = {file} has no `title`; lots uses the folder's name, `{title}`, until you add `title = "..."`
zola.both = both config.yaml and {file} are here: lots reads config.yaml and leaves {file} unread; delete {file} once config.yaml has what you need from it
zola.unknown = `{key}` is not a setting of Zola or of lots, so it is not read; put your own data under `[extra]`
zola.ignored = `{key}` is a Zola setting lots does not use: {instead}
zola.kind.text = text
zola.kind.integer = a whole number
zola.kind.count = a whole number above 0
zola.kind.float = a decimal number
zola.kind.bool = true or false
zola.kind.datetime = a date or time
zola.kind.list = a list
zola.kind.tables = a list of tables, as in `[{name = "tags"}]`
zola.kind.table = a table
zola.instead.theme = lots shows the site with its own theme (a site may set `theme:` in config.yaml to one of its themes/ written for lots); Zola themes are not read
zola.instead.output_dir = lots writes the site to public/, or to the folder given with `lots build --output`
zola.instead.output_replaced = lots replaces the whole output folder when a build succeeds
zola.instead.sass = lots does not compile Sass; put compiled CSS files in static/
zola.instead.minify = lots does not minify HTML
zola.instead.ignored_files = lots publishes every file of content/ that a page links to or that sits in a page's folder, and all of static/
zola.instead.feeds = lots makes no Atom or RSS feeds
zola.instead.sitemap = lots always writes sitemap.xml with every published page
zola.instead.robots = lots writes no robots.txt; put your own in static/
zola.instead.static_copied = lots copies the files of static/
zola.instead.author = lots has no default author; write the author in each page's front matter
zola.instead.taxonomy_root = lots puts each taxonomy's pages at the top of the site (/tags/)
zola.instead.search_always = lots always builds its search index: searching is part of every page, also offline
zola.instead.languages = lots builds the site in one language, its `language`; the other languages' settings are not read
zola.instead.translations = lots' theme has its own Swedish and English texts; translations are not read
zola.instead.highlighting = lots highlights fenced code blocks itself, with the colours of its theme
zola.instead.emoji = lots leaves emoji shortcuts such as :smile: as written
zola.instead.external_links = lots writes links to other sites as plain links, without a class, target or rel
zola.instead.smart_punctuation = lots always turns quotes, dashes and ... into their typographic forms
zola.instead.definition_list = lots does not read definition lists; they show as plain paragraphs
zola.instead.footnotes = lots shows footnotes where pulldown-cmark puts them, at their definitions
zola.instead.lazy_images = lots always loads images lazily, with their width and height
zola.instead.anchor_links = lots gives every heading an id to link to but adds no anchor link beside it
zola.instead.alerts = lots shows `> [!NOTE]` blocks as ordinary quotes
zola.instead.link_checker = `lots check` checks every link; add addresses it must not request to `check.skip_external` in config.yaml
zola.instead.internal_links = lots always refuses a build with a broken internal link
zola.instead.external_level = `lots check --external` reports failing external links as warnings, errors with --strict
zola.instead.slugify = lots makes the addresses of pages, terms and headings plain ASCII in lower case
zola.instead.search = lots indexes each page's title, other names and text
zola.instead.index_format = lots writes its own search index as JavaScript files that also load from file://
zola.instead.paginate_path = lots names the extra pages of a long term list itself
zola.instead.taxonomy_render = lots always makes a page for each taxonomy and each of its terms

# lots init.
init.created = Made a new site in {dir}: config.yaml, content/_index.md and content/{section}/ with one page
init.not_empty = {dir} already holds a site ({found}); lots init only starts a site in an empty folder, and never replaces a file: choose another folder
init.write = cannot write {path}: {reason}
init.not_zola = {dir} has no zola.toml or config.toml, so it is not a Zola site: give the folder that holds Zola's zola.toml (or config.toml) and content/
init.loop = {dir} is inside {inside}, which lots init copies from; choose a folder outside the Zola site's content/, static/ and templates/
init.from_zola = Made a site in {dir} from the Zola site in {zola}: copied {copied}, and wrote config.yaml from {file}
init.not_carried = Not carried over:
init.zola_templates = {path}: Zola templates are not used; lots' own theme shows the pages (templates/shortcodes/ is copied)
init.zola_sass = {path}: lots does not compile Sass; put the compiled CSS in static/
init.zola_themes = {path}: Zola themes are not used; lots' own theme shows the pages
init.read = cannot read {path}: {reason}
init.zola_link = {path}: a symbolic link, not copied; copy what it points to by hand if the site needs it
init.yaml_header = Written by `lots init --from-zola` from {zola}; what Lots does with each Zola setting is in Lots' README, "Coming from Zola".
init.serve_hint = See it with `lots serve{root}`, or build it with `lots build{root}`

# What a failed build says last.
build.failed_one = Build failed: 1 error.
build.failed_many = Build failed: {count} errors.
build.failed_because = Build failed: {reason}

# What a build that succeeded says ({seconds} and {size} are written as the language writes decimals).
build.done = Built {files} pages in {seconds} s ({pages} pages, {sections} sections) into {output}
build.images = Images: {made} made, {reused} from the cache
build.pruned = Image cache: removed {files} files ({size} MB) no build has used for {days} days

# lots check: its summary ({errors} and {warnings} are counts as below) and what it says beside.
check.group = {kind}: {errors}, {warnings}
check.summary = Check: {errors}, {warnings} (today is {today}).
check.summary_strict = Check --strict: {errors}, {warnings} (today is {today}).
check.errors_one = 1 error
check.errors_many = {count} errors
check.warnings_one = 1 warning
check.warnings_many = {count} warnings
check.note = note: {note}
check.failed = Check failed: {reason}
check.external_skipped = --external: {count} of the links not requested (check.skip_external)

# lots bundle.
bundle.done = Bundled {count} files into {zip}; unzip it and open {name}/index.html
bundle.temporary = cannot create a temporary folder to build in: {reason}
bundle.write = cannot write {zip}: {reason}

# lots serve.
serve.edit_not_local = --edit cannot be used with --bind {address}: the editor writes to content/ and has no login, so it only listens on this computer. Leave out --bind (or use --bind 127.0.0.1) to edit, or leave out --edit to show the site to other computers.

# Images. A reason (`image.why.*`, `image.cache.*`) is a word inside the message that gives it;
# its own arguments are the message's.
image.invalid = cannot use the image {image}: {why}
image.invalid/file = {why}
image.invalid/template = {why} (a template's resize_image uses it)
image.invalid/cache_folder = cannot create the image cache: {reason}
image.warning/cache_damaged = the cached copy of {image} was damaged ({why}); made it again
image.why.refused = {format} images cannot be published: lots cannot remove their metadata (EXIF, GPS); save it as JPEG, PNG or WebP
image.why.unreadable = it cannot be read: {reason}
image.why.svg_encoding = the SVG is not valid UTF-8 text; save it as UTF-8
image.why.no_pixels = the {format} image has no pixels
image.why.too_large = the {format} image is too large to process; save it smaller (a few thousand pixels wide is plenty for a web page)
image.why.variant = the {format} file uses a variant of the format that lots cannot read; open it in an image program and save it again as an ordinary {format}
image.why.cut_off = the {format} file is cut off (incomplete), as after an interrupted download or copy; save or copy it again from the original
image.why.damaged = the {format} file is damaged: its contents do not follow the {format} format; save it again from the original
image.why.broken = the {format} file is cut off (incomplete) or damaged, as after an interrupted download or copy; save or copy it again from the original
image.why.other_format = it is a {format} image, which lots does not publish; save it as JPEG, PNG or WebP
image.why.not_an_image = it is not a JPEG, PNG, GIF or WebP image (its contents are not an image format lots knows)
image.why.encode = cannot write the {format} copy: {detail}
image.why.cache_write = cannot write {path} to the cache: {reason}
image.cache.no_hash = its name holds no hash of its bytes
image.cache.mismatch = its content does not match the hash in its name
image.cache.folder = a folder stands in its place
image.cache.unreadable = it cannot be read: {reason}
image.cache.no_hash_file = the hash stored beside it is missing or unreadable
image.cache.mismatch_file = its content does not match the hash stored beside it

markdown.warning/alt_missing = the image has no alt text; write a description between the brackets: ![description](file.png)
markdown.warning/raw_html = raw HTML is shown as text, not published as markup; use Markdown instead

# SVG images: what is refused, and what is taken out before one is published.
svg.no_svg = there is no <svg> element: this is not an SVG image
svg.bad_reference = a `&` that starts no character reference; write &amp; for an ampersand
svg.never_closed = this element is never closed
svg.wrong_end = </{element}> does not close <{open}>, the element open here
svg.stray_end = </{element}> closes no element
svg.unclosed_comment = the comment is not closed with -->
svg.unclosed_cdata = the CDATA section is not closed with ]]>
svg.unclosed_end_tag = the end tag is not closed with >
svg.unclosed_instruction = the processing instruction is not closed with ?>
svg.unclosed_doctype = the <!DOCTYPE> is not closed with >
svg.entities = an SVG whose DOCTYPE declares entities is refused (entities can expand without end or read local files); remove the <!DOCTYPE ...> part
svg.stray_lt = a `<` that starts no tag; write &lt; for a less-than sign
svg.unclosed_tag = the tag <{element}> is not closed with >
svg.attribute_name = `{attribute}` is not an attribute name in the tag <{element}>
svg.attribute_no_value = the attribute `{attribute}` has no value; write {attribute}="..."
svg.attribute_quotes = the value of `{attribute}` must be in quotes
svg.attribute_unclosed = the value of `{attribute}` is not closed
svg.removed_instruction = removed a processing instruction (`<?...?>`): an SVG may not load style sheets from elsewhere
svg.removed_element = removed <{element}>: {why}
svg.removed_attribute = removed `{attribute}="{value}"`: {why}
svg.why.code = an SVG must not run code
svg.why.embed = an SVG must not embed HTML or other documents
svg.why.style = an SVG may not load style sheets or files from elsewhere
svg.why.animation = an animation may not change links or event handlers
svg.why.external = an SVG may not load files or pages from elsewhere
