-- A steady load rather than a flood: each connection waits BENCH_DELAY_MS between requests, so the machine has room
-- and the latency shows what a failure costs, not a queue. Writes (BENCH_WRITE=1) create a tutor under a fresh
-- Idempotency-Key each, as a client that retries safely would. Prints report.lua's RESULT line.
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
local writes = os.getenv("BENCH_WRITE") == "1"
local counter = 0
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("id", thread_id)
end

function init(args)
  math.randomseed(os.time() + (id or 0))
end

function request()
  if not writes then
    return wrk.format(nil)
  end
  counter = counter + 1
  local key = string.format("bench-%d-%d-%d-%d", os.time(), id or 0, counter, math.random(1, 1000000000))
  wrk.headers["Idempotency-Key"] = key
  wrk.headers["Content-Type"] = "application/json"
  local body = string.format('{"full_name":"Bench Tutor %d %d","role":"tutor"}', id or 0, counter)
  return wrk.format("POST", "/api/v1/users", nil, body)
end

function delay()
  return delay_ms
end

-- The RESULT line run.sh reads, from the script every other load uses.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")
