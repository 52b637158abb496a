// Percentiles by the nearest-rank method on a copy of the samples.
export function percentile(samples, p) {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function median(samples) {
  return percentile(samples, 50);
}

export function max(samples) {
  return samples.length === 0 ? Number.NaN : Math.max(...samples);
}

export function formatMs(value) {
  if (value === undefined || value === null || Number.isNaN(value)) return 'n/a';
  return value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
}
