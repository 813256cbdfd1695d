/**
 * Splits `total` whole minutes in proportion to integer `weights`, summing exactly to
 * `total` (largest-remainder method; ties go to the earlier entry so output is stable).
 * When there are at least as many minutes as entries, no entry is left at zero: a
 * section with no time would still be read out as a step, so it takes a minute from
 * the largest one.
 */
export function apportionMinutes(total: number, weights: readonly number[]): number[] {
  if (!Number.isInteger(total) || total < 0) throw new RangeError(`total must be a whole number ≥ 0, got ${total}`);
  if (weights.length === 0) return [];
  if (weights.some((w) => !Number.isInteger(w) || w <= 0)) throw new RangeError('weights must be positive integers');

  const weightSum = weights.reduce((a, b) => a + b, 0);
  // Integer arithmetic throughout so remainders compare exactly.
  const shares = weights.map((w, index) => {
    const scaled = total * w;
    const minutes = Math.floor(scaled / weightSum);
    return { index, minutes, remainder: scaled - minutes * weightSum };
  });
  let left = total - shares.reduce((a, s) => a + s.minutes, 0);
  const byRemainder = [...shares].sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const share of byRemainder) {
    if (left === 0) break;
    share.minutes += 1;
    left -= 1;
  }

  const minutes = shares.map((s) => s.minutes);
  if (total >= minutes.length) {
    for (let i = 0; i < minutes.length; i++) {
      if (minutes[i] !== 0) continue;
      const donor = indexOfMax(minutes);
      minutes[donor] = (minutes[donor] ?? 0) - 1;
      minutes[i] = 1;
    }
  }
  return minutes;
}

function indexOfMax(values: readonly number[]): number {
  let best = 0;
  values.forEach((v, i) => {
    if (v > (values[best] ?? -Infinity)) best = i;
  });
  return best;
}
