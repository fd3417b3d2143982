"""Validator for Telegram's HTML parse mode.

Telegram (the Bot API server, via TDLib's ``parse_html``) turns a message sent
with ``parse_mode="HTML"`` into plain text plus a list of ``MessageEntity``
objects whose offsets and lengths are counted in UTF-16 code units.  This module
reproduces that conversion so tests can check rendered output offline:

    >>> plain, entities = parse_telegram_html("<b>Hi</b> &amp; bye")
    >>> plain
    'Hi & bye'
    >>> entities
    [{'type': 'bold', 'offset': 0, 'length': 2}]

Public API:

* :func:`parse_telegram_html` -- ``(plain_text, entities)`` or :class:`TelegramHTMLError`.
* :class:`TelegramHTMLError` -- raised for markup Telegram rejects; ``str(err)`` is the
  part Telegram puts after ``"Bad Request: can't parse entities: "``.
* :func:`utf16_len` -- length of a string in UTF-16 code units (Telegram's unit).
* :func:`entity_text` -- the slice of plain text an entity covers.

Strictness: the real parser is forgiving in a few places (a bare ``&`` or ``>`` is
kept literally, unknown attributes are ignored, invalid nesting is silently
repaired later).  The Bot API documentation nevertheless requires escaping and
forbids those constructs, and a renderer relying on the leniency is fragile, so by
default (``strict=True``) they are errors too.  ``strict=False`` accepts exactly
what TDLib accepts.  Error messages mirror TDLib's wording where Telegram has one.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["TelegramHTMLError", "entity_text", "parse_telegram_html", "telegram_length", "utf16_len", "words"]

Entity = dict[str, Any]

# Tag name -> Bot API entity type (for tags that map one-to-one).
_SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
}
_SUPPORTED_TAGS = frozenset(_SIMPLE_TAGS) | {"a", "span", "tg-emoji", "code", "pre", "blockquote"}
# Attributes each tag may carry in strict mode (TDLib silently ignores others).
_ALLOWED_ATTRIBUTES = {
    "a": {"href"},
    "span": {"class"},
    "tg-emoji": {"emoji-id"},
    "code": {"class"},
    "blockquote": {"expandable"},
}
_SPACE = " \t\r\n\f\v"
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_TG_USER_LINK = re.compile(r"tg://user\?id=(\d+)$", re.IGNORECASE)
_URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:(?=//)")
_LINK_SCHEMES = frozenset({"http", "https", "tg", "ton", "tonsite"})


class TelegramHTMLError(ValueError):
    """Markup that Telegram would reject.

    ``str(error)`` is the reason as Telegram words it, e.g.
    ``Unsupported start tag "div" at byte offset 0``; the Bot API reports it as
    ``"Bad Request: can't parse entities: " + str(error)``.
    """


def utf16_len(text: str) -> int:
    """Return the length of ``text`` in UTF-16 code units (Telegram's offset unit)."""
    return len(text.encode("utf-16-le")) // 2


def entity_text(text: str, entity: Entity) -> str:
    """Return the part of ``text`` covered by ``entity`` (offsets in UTF-16 units)."""
    encoded = text.encode("utf-16-le")
    start = entity["offset"] * 2
    return encoded[start : start + entity["length"] * 2].decode("utf-16-le")


def parse_telegram_html(text: str, *, strict: bool = True) -> tuple[str, list[Entity]]:
    """Parse Telegram-flavoured HTML like the Bot API does.

    Returns ``(plain_text, entities)`` where entities are Bot API ``MessageEntity``
    dicts (``type``, ``offset``, ``length`` and, where relevant, ``url``,
    ``language``, ``custom_emoji_id`` or ``user``), sorted by offset.  Tags whose
    content is empty produce no entity, as in Telegram.  Leading/trailing
    whitespace is *not* trimmed here (the server does that for whole messages).

    Raises :class:`TelegramHTMLError` for anything Telegram rejects; with
    ``strict=True`` (the default) also for unescaped ``&``/``>``, unknown
    entities or attributes, and nesting Telegram does not support.
    """
    return _Parser(text, strict).run()


class _Parser:
    """Single-pass scanner modelled on TDLib's ``parse_html``."""

    def __init__(self, text: str, strict: bool) -> None:
        self.text = text
        self.strict = strict
        self.pos = 0
        self.out: list[str] = []
        self.offset = 0  # current UTF-16 offset in the plain text
        # Open tags: (tag_name, argument, utf16_offset, start index into self.out, byte pos)
        self.stack: list[tuple[str, str, int, int, int]] = []
        self.entities: list[Entity] = []

    # -- helpers -------------------------------------------------------------------

    def _error(self, message: str) -> TelegramHTMLError:
        return TelegramHTMLError(message)

    def _byte_offset(self, index: int) -> int:
        return len(self.text[:index].encode("utf-8", "surrogatepass"))

    def _char(self, index: int) -> str:
        return self.text[index] if index < len(self.text) else ""

    def _emit(self, chunk: str) -> None:
        self.out.append(chunk)
        self.offset += utf16_len(chunk)

    # -- main loop -----------------------------------------------------------------

    def run(self) -> tuple[str, list[Entity]]:
        text = self.text
        while self.pos < len(text):
            char = text[self.pos]
            if char == "&":
                self._ampersand()
            elif char == "<":
                if self._char(self.pos + 1) == "/":
                    self._end_tag()
                else:
                    self._start_tag()
            else:
                if char == ">" and self.strict:
                    raise self._error(
                        f'Character ">" must be escaped as "&gt;" at byte offset '
                        f"{self._byte_offset(self.pos)}"
                    )
                self._emit(char)
                self.pos += 1
        if self.stack:
            raise self._error(f'Can\'t find end tag corresponding to start tag "{self.stack[-1][0]}"')
        for entity in self.entities:
            if entity["type"] == "code":
                entity.pop("language", None)
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.out), self.entities

    # -- character references ------------------------------------------------------

    def _decode_reference(self, start: int) -> tuple[str, int] | None:
        """Decode the reference at ``text[start] == '&'`` -> (char, end) or None (TDLib rules)."""
        text = self.text
        end = start + 1
        if self._char(end) == "#":
            end += 1
            if self._char(end) == "x":
                end += 1
                digits_start = end
                while end < len(text) and text[end] in "0123456789abcdefABCDEF":
                    end += 1
                value = int(text[digits_start:end], 16) if end > digits_start else 0
            else:
                digits_start = end
                while end < len(text) and text[end].isascii() and text[end].isdigit():
                    end += 1
                value = int(text[digits_start:end]) if end > digits_start else 0
            if value == 0 or value >= 0x10FFFF or end - start >= 10:
                return None
            if 0xD800 <= value <= 0xDFFF:
                raise self._error(
                    "Text contains invalid Unicode characters after decoding HTML entities, "
                    "check for unmatched surrogate code units"
                )
            decoded = chr(value)
        else:
            while end < len(text) and text[end].isascii() and text[end].isalpha():
                end += 1
            name = text[start + 1 : end]
            if name not in _NAMED_ENTITIES:
                return None
            decoded = _NAMED_ENTITIES[name]
        if self._char(end) == ";":
            end += 1
        elif self.strict:
            raise self._error(
                f'Character reference at byte offset {self._byte_offset(start)} must end with ";"'
            )
        return decoded, end

    def _unescaped_ampersand(self, index: int) -> TelegramHTMLError:
        reference = re.match(r"&#?[0-9a-zA-Z]+;", self.text[index:])
        where = f"at byte offset {self._byte_offset(index)}"
        if reference is None:
            return self._error(f'Character "&" must be escaped as "&amp;" {where}')
        return self._error(
            f'Unsupported HTML entity "{reference[0]}" {where} '
            "(only &lt; &gt; &amp; &quot; and numeric references are supported)"
        )

    def _ampersand(self) -> None:
        decoded = self._decode_reference(self.pos)
        if decoded is None:
            if self.strict:
                raise self._unescaped_ampersand(self.pos)
            self._emit("&")
            self.pos += 1
            return
        char, self.pos = decoded
        self._emit(char)

    # -- tags ----------------------------------------------------------------------

    def _start_tag(self) -> None:
        text = self.text
        begin = self.pos
        byte_begin = self._byte_offset(begin)
        i = begin + 1
        while i < len(text) and text[i] not in _SPACE and text[i] != ">":
            i += 1
        if i >= len(text):
            raise self._error(f"Unclosed start tag at byte offset {byte_begin}")
        tag = text[begin + 1 : i].lower()
        if tag not in _SUPPORTED_TAGS:
            raise self._error(f'Unsupported start tag "{tag}" at byte offset {byte_begin}')

        attributes, i = self._attributes(tag, i, byte_begin)
        argument = ""
        for name, value in attributes:
            if self.strict and name not in _ALLOWED_ATTRIBUTES.get(tag, set()):
                raise self._error(
                    f'Unsupported attribute "{name}" in the tag "{tag}" at byte offset {byte_begin}'
                )
            if tag == "a" and name == "href":
                argument = value or ""
            elif tag == "code" and name == "class":
                if value and value.startswith("language-"):
                    argument = value[len("language-") :]
                elif self.strict:
                    raise self._error(f'Tag "code" class must be "language-..." at byte offset {byte_begin}')
            elif tag == "span" and name == "class" and value and value.startswith("tg-"):
                argument = value[len("tg-") :]
            elif tag == "tg-emoji" and name == "emoji-id":
                argument = value or ""
            elif tag == "blockquote" and name == "expandable":
                argument = "1"
        if tag == "span" and argument != "spoiler":
            raise self._error(f'Tag "span" must have class "tg-spoiler" at byte offset {byte_begin}')
        if self.strict:
            self._check_nesting(tag, byte_begin)
        self.stack.append((tag, argument, self.offset, len(self.out), byte_begin))
        self.pos = i + 1  # skip '>'

    def _attributes(self, tag: str, i: int, byte_begin: int) -> tuple[list[tuple[str, str | None]], int]:
        """Parse attributes starting at ``i``; return them and the index of the closing '>'."""
        text = self.text
        attributes: list[tuple[str, str | None]] = []
        while True:
            while i < len(text) and text[i] in _SPACE:
                i += 1
            if i >= len(text):
                raise self._error(f'Unclosed start tag "{tag}" at byte offset {byte_begin}')
            if text[i] == ">":
                return attributes, i
            name_start = i
            while i < len(text) and text[i] not in _SPACE and text[i] not in "=>/\"'":
                i += 1
            name = text[name_start:i]
            if not name:
                raise self._error(f'Empty attribute name in the tag "{tag}" at byte offset {byte_begin}')
            while i < len(text) and text[i] in _SPACE:
                i += 1
            if i >= len(text):
                raise self._error(f'Unclosed start tag "{tag}" at byte offset {byte_begin}')
            if text[i] != "=":
                attributes.append((name, None))  # value-less attribute, e.g. "expandable"
                continue
            i += 1
            while i < len(text) and text[i] in _SPACE:
                i += 1
            if i >= len(text):
                raise self._error(f'Unclosed start tag "{tag}" at byte offset {byte_begin}')
            value, i = self._attribute_value(i)
            if i >= len(text):
                raise self._error(f"Unclosed start tag at byte offset {byte_begin}")
            attributes.append((name, value))

    def _attribute_value(self, i: int) -> tuple[str, int]:
        text = self.text
        quote = text[i]
        if quote not in "\"'":
            # Unquoted "name token": letters, digits, periods, hyphens; case-insensitive.
            start = i
            while i < len(text) and ((text[i].isascii() and text[i].isalnum()) or text[i] in ".-"):
                i += 1
            if i < len(text) and text[i] not in _SPACE and text[i] != ">":
                raise self._error(f"Unexpected end of name token at byte offset {self._byte_offset(start)}")
            return text[start:i].lower(), i
        i += 1
        chars: list[str] = []
        while i < len(text) and text[i] != quote:
            if text[i] == "&":
                decoded = self._decode_reference(i)
                if decoded is not None:
                    chars.append(decoded[0])
                    i = decoded[1]
                    continue
                if self.strict:
                    raise self._unescaped_ampersand(i)
            chars.append(text[i])
            i += 1
        if i < len(text):
            i += 1  # closing quote
        return "".join(chars), i

    def _check_nesting(self, tag: str, byte_begin: int) -> None:
        """Strict-mode check of the Bot API nesting rules for a tag about to open."""
        open_tags = [entry[0] for entry in self.stack]
        if tag == "blockquote" and "blockquote" in open_tags:
            raise self._error(f"Nested blockquotes are not allowed at byte offset {byte_begin}")
        if tag == "a" and "a" in open_tags:
            raise self._error(f'Tag "a" can\'t be nested in another "a" at byte offset {byte_begin}')
        if open_tags and open_tags[-1] == "pre" and tag == "code":
            return  # <pre><code class="language-..."> is the documented form
        for outer in ("code", "pre"):
            if outer in open_tags:
                raise self._error(f'Tag "{tag}" can\'t be nested in "{outer}" at byte offset {byte_begin}')

    def _end_tag(self) -> None:
        text = self.text
        begin = self.pos
        byte_begin = self._byte_offset(begin)
        if not self.stack:
            raise self._error(f"Unexpected end tag at byte offset {byte_begin}")
        i = begin + 2
        while i < len(text) and text[i] not in _SPACE and text[i] != ">":
            i += 1
        end_name = text[begin + 2 : i].lower()
        while i < len(text) and text[i] in _SPACE:
            i += 1
        if i >= len(text) or text[i] != ">":
            raise self._error(f"Unclosed end tag at byte offset {byte_begin}")
        tag, argument, start_offset, out_index, _ = self.stack[-1]
        if end_name and end_name != tag:
            raise self._error(
                f'Unmatched end tag at byte offset {byte_begin}, expected "</{tag}>", found "</{end_name}>"'
            )
        self.stack.pop()
        self.pos = i + 1
        length = self.offset - start_offset
        if length > 0:
            self._close_entity(tag, argument, start_offset, length, "".join(self.out[out_index:]))

    def _close_entity(self, tag: str, argument: str, offset: int, length: int, content: str) -> None:
        # The previous entity if it covers exactly the same text (for <pre><code> pairs).
        last = self.entities[-1] if self.entities else None
        if last is not None and (last["offset"], last["length"]) != (offset, length):
            last = None
        extra: dict[str, Any] = {}
        if tag in _SIMPLE_TAGS or tag == "span":
            kind = _SIMPLE_TAGS.get(tag, "spoiler")
        elif tag == "tg-emoji":
            if not argument.isdigit() or int(argument) == 0:
                raise self._error("Invalid custom emoji identifier specified")
            kind, extra = "custom_emoji", {"custom_emoji_id": argument}
        elif tag == "a":
            url = argument or content
            if (user := _TG_USER_LINK.match(url)) is not None:
                kind = "text_mention"
                extra = {"user": {"id": int(user[1]), "is_bot": False, "first_name": ""}}
            else:
                checked = _checked_link(url)
                if checked is None:
                    if self.strict:
                        raise self._error(f'Invalid URL "{url}" in the tag "a"')
                    return  # Telegram silently drops the link
                kind, extra = "text_link", {"url": checked}
        elif tag == "pre":
            if last is not None and last["type"] == "code" and last.get("language"):
                last["type"] = "pre"  # <code class="language-x"><pre>...</pre></code>
                return
            kind = "pre"
        elif tag == "code":
            if last is not None and last["type"] == "pre" and argument:
                last["language"] = argument  # <pre><code class="language-x">...</code></pre>
                return
            # The language is kept until a surrounding </pre>; run() drops it otherwise.
            kind, extra = "code", ({"language": argument} if argument else {})
        else:  # blockquote
            kind = "expandable_blockquote" if argument else "blockquote"
        self.entities.append({"type": kind, "offset": offset, "length": length, **extra})


def _checked_link(url: str) -> str | None:
    """Approximate TDLib's link check: supported scheme (``http://`` added if none), no spaces."""
    url = url.strip()
    if not url or any(ch in url for ch in _SPACE):
        return None
    scheme = _URL_SCHEME.match(url)
    if scheme is None:
        return "http://" + url
    return url if scheme[0][:-1].lower() in _LINK_SCHEMES else None


def telegram_length(part: str) -> int:
    """A message's length as Telegram counts it: UTF-16 units of its text, entities removed."""
    plain, _ = parse_telegram_html(part)
    return utf16_len(plain.strip())


def words(html_text: str) -> list[str]:
    """The words a person reads in a message."""
    plain, _ = parse_telegram_html(html_text)
    return plain.split()
