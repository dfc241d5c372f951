-- Shared by every load of bench/run.sh: the method and body come from the environment (headers come from wrk -H),
-- and the summary is printed as one line that run.sh reads.
local method = os.getenv("BENCH_METHOD")
if method and method ~= "" then
  wrk.method = method
end

local body = os.getenv("BENCH_BODY")
if body and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
