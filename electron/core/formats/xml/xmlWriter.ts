/**
 * Text and attribute values for XML 1.0 that read back exactly: markup characters escaped, carriage
 * returns (and, in attributes, tabs and newlines) as character references — an XML reader would
 * otherwise normalise them away — and the characters XML 1.0 cannot carry at all replaced by U+FFFD.
 */
const NOT_IN_XML =
  // eslint-disable-next-line no-control-regex -- these are the characters XML 1.0 forbids
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const TEXT_SPECIAL = /[&<>\r]/g;
const ATTRIBUTE_SPECIAL = /[&<>"\t\n\r]/g;
const REFERENCES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

export function escapeXmlText(text: string): string {
  return text.replace(NOT_IN_XML, '\ufffd').replace(TEXT_SPECIAL, (c) => REFERENCES[c]!);
}

export function escapeXmlAttribute(text: string): string {
  return text.replace(NOT_IN_XML, '\ufffd').replace(ATTRIBUTE_SPECIAL, (c) => REFERENCES[c]!);
}

/** <name attr="…">text</name>, or <name attr="…"/> when text is empty. */
export function xmlElement(name: string, text: string, attributes: Record<string, string> = {}): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeXmlAttribute(value)}"`)
    .join('');
  return text === '' ? `<${name}${attrs}/>` : `<${name}${attrs}>${escapeXmlText(text)}</${name}>`;
}
