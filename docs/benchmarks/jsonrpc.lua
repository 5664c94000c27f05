-- POSTs one fixed JSON-RPC body (BENCH_BODY) to the path given as the first script argument.
local body = os.getenv("BENCH_BODY")
local path = "/jsonrpc"
function init(args)
  if args[1] then path = args[1] end
end
function request()
  return wrk.format("POST", path, {["Content-Type"] = "application/json"}, body)
end
