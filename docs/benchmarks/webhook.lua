-- POSTs a signed webhook with a fresh X-Event-Id per request: the signature covers only the (fixed) body,
-- so every request is a new event the gateway must commit before answering.
local body = os.getenv("BENCH_WEBHOOK_BODY")
local signature = os.getenv("BENCH_WEBHOOK_SIGNATURE")
local prefix = os.getenv("BENCH_RUN") or "run"
local counter = 0
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function request()
  counter = counter + 1
  local id = string.format("%s-%d-%d", prefix, tid or 0, counter)
  return wrk.format("POST", "/webhooks/bench", {
    ["Content-Type"] = "application/json", ["X-Signature"] = signature, ["X-Event-Id"] = id}, body)
end
