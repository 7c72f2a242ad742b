-- wrk script: GETs the URL wrk is given and prints one RESULT line. NAME labels it.
local name = os.getenv("NAME") or "get"

done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT endpoint=%s requests=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d\n",
    name, summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
