/** Text for HTML content and double-quoted attribute values: the five characters that can end either. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * JSON to place inside `<script type="application/json">`: `<`, `>` and `&` as `\u003c`…,
 * so no `</script>` or `<!--` in a summary or id can end or change the element, and the
 * line separators U+2028/2029 escaped as well. `JSON.parse` of the element's text gives
 * back exactly `value`.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
