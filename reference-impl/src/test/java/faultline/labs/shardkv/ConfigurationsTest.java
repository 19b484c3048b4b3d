package faultline.labs.shardkv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.framework.Address;
import faultline.framework.Command;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Every sequence of up to five steps over groups 1 to 4, each step the Join or Leave of one of the four groups or
 * one of two Moves (thousands of sequences): after each step the configurations are numbered without gaps, old ones never change, a
 * Join or Leave leaves the shards balanced with exactly the fewest moves, a Move changes its one shard, and
 * a second, fresh state machine fed the same commands makes the same configurations.
 */
class ConfigurationsTest {

    private static final int DEPTH = 5;

    private static Join join(int group) {
        return new Join(group, List.of(Address.of("g" + group + "a"), Address.of("g" + group + "b")));
    }

    private static Config query(Configurations configurations, int number) {
        return ((Configured) configurations.execute(new Query(number))).config();
    }

    /** The fewest moves to a balanced assignment: each group keeps at most its share, larger shares to the fuller. */
    private static int fewestMoves(Config before, Set<Integer> groups) {
        if (groups.isEmpty()) {
            return (int) before.shards().stream().filter(g -> g != Config.NO_GROUP).count();
        }
        List<Integer> loads = groups.stream().map(before::load).sorted(Comparator.reverseOrder()).toList();
        int share = Config.SHARDS / groups.size();
        int extra = Config.SHARDS % groups.size();
        int kept = 0;
        for (int i = 0; i < loads.size(); i++) {
            kept += Math.min(loads.get(i), share + (i < extra ? 1 : 0));
        }
        return Config.SHARDS - kept;
    }

    private int sequences;

    @Test
    void everyShortSequenceKeepsTheRules() {
        explore(new ArrayList<>());
        assertTrue(sequences > 2_000, "explored only " + sequences + " sequences");
    }

    private void explore(List<Command> prefix) {
        sequences++;
        if (prefix.size() == DEPTH) {
            return;
        }
        Configurations replay = replay(prefix);
        Config latest = query(replay, Query.LATEST);
        List<Command> next = new ArrayList<>();
        for (int group = 1; group <= 4; group++) {
            next.add(latest.groups().containsKey(group) ? new Leave(group) : join(group));
        }
        if (!latest.groups().isEmpty()) {
            int first = latest.groups().firstKey();
            int last = latest.groups().lastKey();
            next.add(new Move(prefix.size() % Config.SHARDS, last));
            next.add(new Move(Config.SHARDS - 1, first));
        }
        for (Command command : next) {
            List<Command> extended = new ArrayList<>(prefix);
            extended.add(command);
            check(prefix, command);
            explore(extended);
        }
    }

    private static Configurations replay(List<Command> commands) {
        Configurations configurations = new Configurations();
        commands.forEach(configurations::execute);
        return configurations;
    }

    private static void check(List<Command> prefix, Command command) {
        Configurations configurations = replay(prefix);
        Config before = query(configurations, Query.LATEST);
        List<String> history = IntStream.rangeClosed(0, before.number())
                .mapToObj(n -> query(configurations, n).toString() + query(configurations, n).groups()).toList();
        assertEquals(new Ok(), configurations.execute(command), prefix + " then " + command);
        Config after = query(configurations, Query.LATEST);
        assertEquals(before.number() + 1, after.number(), "one new configuration per command");
        for (int n = 0; n <= before.number(); n++) {
            assertEquals(history.get(n), query(configurations, n).toString() + query(configurations, n).groups(),
                    "configuration " + n + " changed after " + prefix + " then " + command);
        }
        int moved = (int) IntStream.range(0, Config.SHARDS).filter(s -> before.owner(s) != after.owner(s)).count();
        if (command instanceof Move move) {
            assertEquals(move.group(), after.owner(move.shard()));
            assertTrue(moved <= 1, command + " moves one shard at most");
        } else {
            Set<Integer> groups = new TreeSet<>(after.groups().keySet());
            if (!groups.isEmpty()) {
                int most = groups.stream().mapToInt(after::load).max().orElseThrow();
                int least = groups.stream().mapToInt(after::load).min().orElseThrow();
                assertTrue(most <= least + 1 && after.shards().stream().allMatch(groups::contains),
                        "balanced after " + prefix + " then " + command + ": " + after);
            }
            assertEquals(fewestMoves(before, groups), moved, "fewest moves after " + prefix + " then " + command);
        }
        Configurations twin = replay(prefix);
        twin.execute(command);
        assertEquals(after, query(twin, Query.LATEST), "a fresh state machine fed the same commands agrees");
    }
}
