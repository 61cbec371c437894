/**
 * Snooze durations: the model stores whole minutes (`durationMinutes`); the editor shows an
 * amount and a unit, and "Test this rule" says it in words. Pure, unit-tested.
 */
export const DURATION_UNITS = [
  { unit: 'minutes', label: 'Minutes', minutes: 1 },
  { unit: 'hours', label: 'Hours', minutes: 60 },
  { unit: 'days', label: 'Days', minutes: 24 * 60 },
] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number]['unit'];

/** The largest unit that shows the minutes as a whole amount: 120 → 2 hours, 90 → 90 minutes. */
export function splitDuration(minutes: number): { amount: number; unit: DurationUnit } {
  for (const { unit, minutes: size } of [...DURATION_UNITS].reverse()) {
    if (minutes > 0 && Number.isInteger(minutes / size)) return { amount: minutes / size, unit };
  }
  return { amount: minutes, unit: 'minutes' };
}

/**
 * Minutes from what the admin typed: an empty or unreadable amount is 0 and a fractional result
 * is kept as it is, so the server's check ("At least 1 minute", "Enter whole minutes") says what
 * is wrong at the input instead of the editor silently rounding.
 */
export function durationMinutes(amount: string, unit: DurationUnit): number {
  const value = Number(amount);
  if (amount.trim() === '' || !Number.isFinite(value)) return 0;
  const size = DURATION_UNITS.find((entry) => entry.unit === unit)?.minutes ?? 1;
  return Math.round(value * size * 1000) / 1000;
}

/** "1 hour", "2 days", "1 day 2 hours 5 minutes", "90 minutes" is "1 hour 30 minutes". */
export function formatDuration(minutes: number): string {
  if (!Number.isFinite(minutes) || minutes <= 0) return `${minutes} minutes`;
  const parts: string[] = [];
  let rest = minutes;
  for (const { unit, minutes: size } of [...DURATION_UNITS].reverse()) {
    const count = unit === 'minutes' ? rest : Math.floor(rest / size);
    if (count > 0) parts.push(`${count} ${count === 1 ? unit.slice(0, -1) : unit}`);
    rest -= count * size;
  }
  return parts.join(' ');
}
