/**
 * Exact text of an unscaled integer at a scale: ("-50", 2) -> "-0.50". Shared by ScaledInteger and Decimal.
 *
 * @param units the unscaled integer
 * @param scale digits after the point
 * @returns the text with exactly `scale` fraction digits
 */
export function _formatScaled(units: number | bigint, scale: number): string {
  const neg = units < 0;
  let digits = (neg ? -BigInt(units) : units).toString();
  if (scale === 0) return neg ? "-" + digits : digits;
  if (digits.length <= scale) digits = "0".repeat(scale - digits.length + 1) + digits;
  const cut = digits.length - scale;
  return (neg ? "-" : "") + digits.slice(0, cut) + "." + digits.slice(cut);
}
