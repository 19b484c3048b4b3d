-- wrk script for bench/dashboard.sh: each request picks a random target (the TA scoreboard, or one
-- student's own submission page with that student's session) from the file the server wrote.
-- Arguments after "--": TARGETS_FILE KIND, where KIND is all, board or page.
local targets = {}

function init(args)
  local kind = args[2] or "all"
  for line in io.lines(args[1]) do
    local what, path, cookie = line:match("(%S+) (%S+) (%S+)")
    if kind == "all" or kind == what then
      table.insert(targets, { path = path, cookie = cookie })
    end
  end
  -- a board request for every page request in the mixed run, as the in-JVM generator does
  if kind == "all" then
    local board = targets[1]
    local pages = #targets - 1
    for _ = 2, pages do table.insert(targets, board) end
  end
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  local t = targets[math.random(#targets)]
  return wrk.format("GET", t.path, { ["Cookie"] = "fl_session=" .. t.cookie })
end
