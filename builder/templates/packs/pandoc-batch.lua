-- Convert many fragments in one pandoc process: `pandoc lua pandoc-batch.lua JOBS`.
--
-- JOBS has one line per fragment: input path, heading-id prefix, reader (pandoc Markdown with its
-- extensions, or json), then target=output pairs, all separated by tabs. Each fragment is read once, sanitised (author text is never trusted: only
-- known classes survive, every key=value attribute is dropped, links other than in-document
-- anchors, http(s) and mailto become plain text, images become their alt text), then written to
-- each target: `typst` (callouts become #callout calls of the handbook template), `html`
-- (HTML5 fragment), `json` (pandoc AST, callouts as custom styles) and `docx`. DOCX is written
-- once per batch, not once per fragment: every fragment whose line says `docx=PATH` is added to
-- the document PATH after a marker paragraph naming its key (the source file's name), so that
-- the caller can cut the document back into fragments (the marker also makes each fragment's
-- first paragraph start in the same writer state, whatever came before it). The reference
-- document is the one in the environment variable PACK_REFERENCE_DOCX.

local KINDS = { note = true, tip = true, warning = true, example = true, exercise = true,
  ["case-study"] = true, instructor = true, solution = true, hint = true }
local CLASSES = { callout = true, ["callout-title"] = true, notice = true, lead = true,
  meta = true, quiz = true, key = true, module = true, appendix = true, blank = true,
  kbd = true, solutions = true }
for k, _ in pairs(KINDS) do CLASSES[k] = true end

-- Scripts written right to left, by language code (the builder marks text in another language
-- than the pack's with a class `lang-xx`, which becomes the attributes lang and dir).
local RTL = { ar = true, fa = true, he = true, ur = true, ps = true, sd = true, ug = true, yi = true }

local function clean_attr(attr)
  local classes, attributes = {}, {}
  for _, c in ipairs(attr.classes) do
    local lang = c:match("^lang%-(%l%l)$")
    if CLASSES[c] then
      classes[#classes + 1] = c
    elseif lang then
      attributes = { { "lang", lang }, { "dir", RTL[lang] and "rtl" or "ltr" } }
    end
  end
  local id = attr.identifier
  if not id:match("^[%w%-]+$") then id = "" end
  return pandoc.Attr(id, classes, attributes)
end

local function safe_target(t)
  local lower = t:lower()
  return t:match("^#[%w%-]+$") ~= nil or lower:match("^https?://") ~= nil or lower:match("^mailto:") ~= nil
end

-- A figure of the pack (builder/figures.py names it figures/<hash>-<w>x<h>.<ext>): kept as an
-- image; every other image becomes its alt text.
local function figure_size(src)
  local w, h = src:match("^figures/%x+%-(%d+)x(%d+)%.%a+$")
  return tonumber(w), tonumber(h)
end

local function sanitise(doc, prefix)
  local n = 0
  local function attr_only(el)
    el.attr = clean_attr(el.attr)
    return el
  end
  return doc:walk({
    Div = attr_only, Span = attr_only, Code = attr_only, CodeBlock = attr_only,
    Table = attr_only, Figure = attr_only,
    Header = function(el)
      el.attr = clean_attr(el.attr)
      if el.identifier == "" then
        n = n + 1
        el.identifier = prefix .. "s" .. n
      end
      return el
    end,
    Link = function(el)
      if safe_target(el.target) then
        el.attr = clean_attr(el.attr)
        el.title = ""
        return el
      end
      return el.content
    end,
    Image = function(el)
      if figure_size(el.src) then
        el.attr = pandoc.Attr("", {}, {})
        el.title = ""
        return el
      end
      return el.caption
    end,
    RawInline = function(el) return pandoc.Str(el.text) end,
    RawBlock = function(el) return pandoc.Para({ pandoc.Str(el.text) }) end,
  })
end

local FORMAT_OF = setmetatable({ ["<kbd>"] = "html" }, { __index = function() return "typst" end })

local function has_class(el, name)
  for _, c in ipairs(el.classes) do
    if c == name then return true end
  end
  return false
end

local function kind_of(el)
  for _, c in ipairs(el.classes) do
    if KINDS[c] then return c end
  end
  return "note"
end

local function split_title(el)
  local first = el.content[1]
  if first and first.t == "Div" and has_class(first, "callout-title") then
    local rest = pandoc.List({})
    for i = 2, #el.content do rest:insert(el.content[i]) end
    return pandoc.utils.blocks_to_inlines(first.content), rest
  end
  return nil, el.content
end

local function bold_cells(blocks)
  return blocks:walk({
    Plain = function(p) return pandoc.Plain({ pandoc.Strong(p.content) }) end,
    Para = function(p) return pandoc.Para({ pandoc.Strong(p.content) }) end,
  })
end

local function typst_quote(text)
  return '"' .. text:gsub("\\", "\\\\"):gsub('"', '\\"') .. '"'
end

local function kbd_span(el, open, close)
  if not has_class(el, "kbd") then return nil end
  local out = pandoc.List({ pandoc.RawInline(FORMAT_OF[open], open) })
  out:extend(el.content)
  out:insert(pandoc.RawInline(FORMAT_OF[open], close))
  return out
end

local function to_typst(doc)
  return doc:walk({
    -- A key (<kbd>) in a thin box.
    Span = function(el) return kbd_span(el, "#box(stroke: 0.5pt + luma(120), inset: (x: 2pt), outset: (y: 2pt), radius: 2pt)[", "]") end,
    -- Figures through the template's #figure-image: as wide as their pixels, at most the page.
    Image = function(el)
      local w = figure_size(el.src) or 0
      local alt = pandoc.utils.stringify(el.caption)
      return pandoc.RawInline("typst", "#figure-image(" .. typst_quote(el.src) .. ", " .. w
        .. ", " .. typst_quote(alt) .. ")")
    end,
    -- Header cells in bold (the template cannot tell a header row from a first row).
    Table = function(tbl)
      for _, row in ipairs(tbl.head.rows) do
        for _, cell in ipairs(row.cells) do cell.contents = bold_cells(cell.contents) end
      end
      return tbl
    end,
    -- A module link may point at a module that another pack lacks: the template's modlink
    -- links when the label exists and shows plain text otherwise.
    Link = function(el)
      if el.target:match("^#mod%-") then
        local out = pandoc.List({ pandoc.RawInline("typst", "#modlink(<" .. el.target:sub(2) .. ">)[") })
        out:extend(el.content)
        out:insert(pandoc.RawInline("typst", "]"))
        return out
      end
      return nil
    end,
    Div = function(el)
      if has_class(el, "callout") then
        local title, rest = split_title(el)
        local out = pandoc.List({ pandoc.RawBlock("typst", '#callout(kind: "' .. kind_of(el) .. '")[') })
        if title then
          local line = pandoc.List({ pandoc.RawInline("typst", '#callout-title(kind: "' .. kind_of(el) .. '")[') })
          line:extend(title)
          line:insert(pandoc.RawInline("typst", "]"))
          out:insert(pandoc.Plain(line))
        end
        out:extend(rest)
        out:insert(pandoc.RawBlock("typst", "]"))
        return out
      elseif has_class(el, "notice") then
        local out = pandoc.List({ pandoc.RawBlock("typst", "#notice[") })
        out:extend(el.content)
        out:insert(pandoc.RawBlock("typst", "]"))
        return out
      elseif has_class(el, "blank") then
        return pandoc.RawBlock("typst", "#blank-line()")
      end
      return nil
    end,
  })
end

local function styled(blocks, style)
  return pandoc.Div(blocks, pandoc.Attr("", {}, { ["custom-style"] = style }))
end

local function to_docx_ast(doc)
  return doc:walk({
    Div = function(el)
      if has_class(el, "callout") then
        local title, rest = split_title(el)
        local out = pandoc.List({})
        if title then out:insert(styled({ pandoc.Para({ pandoc.Strong(title) }) }, "Callout Title")) end
        out:insert(styled(rest, "Callout"))
        return out
      elseif has_class(el, "notice") then
        return styled(el.content, "Notice")
      elseif has_class(el, "blank") then
        return pandoc.Para({ pandoc.Str("______________________________") })
      end
      return nil
    end,
  })
end

-- Footnotes get ids made from the fragment's prefix, so that fragments can share one page.
local function html_notes(doc, prefix)
  local notes = pandoc.List({})
  doc = doc:walk({
    Note = function(el)
      notes:insert(el.content)
      local n = tostring(#notes)
      return pandoc.Link({ pandoc.Superscript({ pandoc.Str(n) }) }, "#" .. prefix .. "fn" .. n, "",
        pandoc.Attr(prefix .. "fnref" .. n, { "footnote-ref" }))
    end,
  })
  if #notes == 0 then return doc end
  local out = pandoc.List({ pandoc.HorizontalRule() })
  for i, blocks in ipairs(notes) do
    local n = tostring(i)
    local body = pandoc.List({ pandoc.Plain({ pandoc.Superscript({ pandoc.Str(n) }), pandoc.Space() }) })
    body:extend(blocks)
    body:insert(pandoc.Plain({ pandoc.Link({ pandoc.Str("↩") }, "#" .. prefix .. "fnref" .. n) }))
    out:insert(pandoc.Div(body, pandoc.Attr(prefix .. "fn" .. n, { "footnote" })))
  end
  doc.blocks:insert(pandoc.Div(out, pandoc.Attr("", { "footnotes" })))
  return doc
end

local function to_html(doc, prefix)
  doc = html_notes(doc, prefix)
  return doc:walk({
    Span = function(el) return kbd_span(el, "<kbd>", "</kbd>") end,
    Div = function(el)
      if has_class(el, "blank") then
        return pandoc.Para({ pandoc.Span({ pandoc.Space() }, pandoc.Attr("", { "blank" })) })
      end
      return el
    end,
  })
end

local WRITERS = {
  typst = function(doc) return pandoc.write(to_typst(doc), "typst", { wrap_text = "none" }) end,
  html = function(doc, prefix) return pandoc.write(to_html(doc, prefix), "html5", { wrap_text = "none" }) end,
  json = function(doc) return pandoc.write(to_docx_ast(doc), "json") end,
}

local docx_blocks, docx_paths = {}, pandoc.List({})

local MIME = { png = "image/png", jpg = "image/jpeg", svg = "image/svg+xml" }

-- The DOCX writer embeds images from the media bag: put each figure there from the folder the
-- caller wrote them to (PACK_FIGURES).
local function bag_figures(doc)
  local dir = os.getenv("PACK_FIGURES")
  if not dir then return end
  doc:walk({
    Image = function(el)
      if figure_size(el.src) and not pandoc.mediabag.lookup(el.src) then
        local ext = el.src:match("%.(%a+)$")
        local f = io.open(dir .. "/" .. el.src, "rb")
        if f then
          pandoc.mediabag.insert(el.src, MIME[ext], f:read("a"))
          f:close()
        end
      end
    end,
  })
end

local function add_docx(path, key, doc)
  bag_figures(doc)
  if not docx_blocks[path] then
    docx_blocks[path] = pandoc.List({})
    docx_paths:insert(path)
  end
  docx_blocks[path]:insert(pandoc.Para({ pandoc.Str("PACKPART-" .. key) }))
  -- In a Div of its own, so that a heading's bookmark never spans into the next fragment; a
  -- fragment whose metadata says `dir: rtl` is laid out right to left (w:bidi, w:rtl).
  local attrs = {}
  if doc.meta.dir and pandoc.utils.stringify(doc.meta.dir) == "rtl" then
    attrs = { { "dir", "rtl" } }
  end
  docx_blocks[path]:insert(pandoc.Div(to_docx_ast(doc).blocks, pandoc.Attr("", {}, attrs)))
end

local function read_file(path)
  local f = assert(io.open(path, "rb"))
  local text = f:read("a")
  f:close()
  return text
end

local function write_file(path, text)
  local f = assert(io.open(path, "wb"))
  f:write(text)
  f:close()
end

for line in io.lines(arg[1]) do
  local fields = {}
  for field in line:gmatch("[^\t]+") do fields[#fields + 1] = field end
  local doc = sanitise(pandoc.read(read_file(fields[1]), fields[3]), fields[2])
  local key = fields[1]:match("([^/]+)%.src$")
  for i = 4, #fields do
    local target, out = fields[i]:match("^(%w+)=(.+)$")
    if target == "docx" then
      add_docx(out, key, doc)
    else
      write_file(out, WRITERS[target](doc, fields[2]))
    end
  end
end

for _, path in ipairs(docx_paths) do
  local opts = { reference_doc = os.getenv("PACK_REFERENCE_DOCX") }
  write_file(path, pandoc.write(pandoc.Pandoc(docx_blocks[path]), "docx", opts))
end
