-- wrk script: cycles through the queries of a query file (query TAB filter TAB class), asking
-- /api/search for the top 10 with company and topic facets, as the web page does.
-- Usage: wrk -s bench/wrk_queries.lua URL -- QUERYFILE
local queries = {}
local counter = 0

local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  local path = args[1] or "../shared/peers/queries.tsv"
  for line in io.lines(path) do
    if line:sub(1, 1) ~= "#" and #line > 0 then
      local q, f = line:match("^([^\t]*)\t?([^\t]*)")
      local url = "/api/search?facets=company,topic&q=" .. urlencode(q)
      if f and #f > 0 then url = url .. "&filter=" .. urlencode(f) end
      queries[#queries + 1] = url
    end
  end
end

function request()
  counter = counter % #queries + 1
  return wrk.format("GET", queries[counter])
end
