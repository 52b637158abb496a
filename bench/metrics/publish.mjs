// Issue 4: publishing an article with 10 images to the local WordPress,
// against the same HTTP requests made directly (≤ 1.2×). A hook for the lead:
// fill in once the publish services and the test WordPress are wired.
export async function publishBench() {
  return [
    {
      metric:
        'Publish an article with 10 images to the local WordPress, ratio to the same HTTP requests made directly',
      target: '≤ 1.2×',
      copydesk: 'not measured: publishing benchmark not written yet (hook in bench/metrics/publish.mjs)',
      peers: 'direct HTTP requests: not measured',
      value: Number.NaN,
      targetValue: 1.2,
      unit: '×',
    },
  ];
}
