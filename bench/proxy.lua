-- wrk script for the AWS backend proxy benchmark: one signed-looking request per call.
-- METHOD, PATH, SERVICE (SigV4 scope service), BODY and CONTENT_TYPE come from the environment.
local method = os.getenv("METHOD") or "GET"
local path = os.getenv("REQ_PATH") or "/"
local service = os.getenv("SERVICE") or "s3"
local body = os.getenv("BODY")
local content_type = os.getenv("CONTENT_TYPE")

request = function()
  local headers = {
    ["Authorization"] = "AWS4-HMAC-SHA256 Credential=test/20261204/us-east-1/" .. service
      .. "/aws4_request, SignedHeaders=host, Signature=00",
  }
  if content_type then headers["Content-Type"] = content_type end
  return wrk.format(method, path, headers, body)
end

done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f MBps=%.1f errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.bytes / (summary.duration / 1e6) / 1048576, errors))
end
