-- wrk script: POSTs one awsJson call. Set ACTION and BODY in the environment.
-- BODY may contain {{n}}, replaced by a per-request counter (unique names for write benchmarks).
-- DELAY_MS makes each connection wait that long between requests: with C connections the offered
-- rate is about C * 1000 / (DELAY_MS + latency), so latency is measured at a set rate instead of
-- at saturation (wrk alone always saturates the server).
local action = os.getenv("ACTION")
local body = os.getenv("BODY") or "{}"
local counter = 0
local thread_id = 0
local next_thread = 0

setup = function(thread)
  thread:set("thread_id", next_thread)
  next_thread = next_thread + 1
end

local delay_ms = tonumber(os.getenv("DELAY_MS") or "")
if delay_ms then
  delay = function()
    return delay_ms
  end
end

request = function()
  counter = counter + 1
  local b = body:gsub("{{n}}", tostring(thread_id) .. "-" .. tostring(counter))
  return wrk.format("POST", "/", {
    ["X-Amz-Target"] = "AmazonEC2ContainerServiceV20141113." .. action,
    ["Content-Type"] = "application/x-amz-json-1.1",
  }, b)
end

done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT action=%s requests=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d\n",
    action, summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
