package faultline.testkit.lincheck;

import faultline.testkit.history.History;
import faultline.testkit.history.Operation;
import faultline.testkit.history.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checker prunes its search in several ways (configuration cache, interchangeable twins, operations without
 * reply deferred to the end). This test compares it with the definition itself, tried exhaustively, on many small
 * random histories: some operations without reply may be left out, the rest are put in every order that respects
 * real time, and the model must accept one of them.
 */
class BruteForceAgreementTest {

    private static final int HISTORIES = 1_000;

    @Test
    void registerHistoriesAgreeWithExhaustiveSearch() {
        Random random = new Random(20240611L);
        int[] seen = new int[2];
        for (int i = 0; i < HISTORIES; i++) {
            History<RegisterInput, RegisterOutput> history = randomHistory(random, 1 + random.nextInt(7),
                    (r, client) -> switch (r.nextInt(3)) {
                        case 0 -> RegisterInput.read();
                        case 1 -> RegisterInput.write(r.nextInt(3));
                        default -> RegisterInput.cas(r.nextInt(3), r.nextInt(3));
                    }, new RegisterModel(), (r, input) -> switch (input.kind()) {
                        case READ -> r.nextBoolean() ? RegisterOutput.readEmpty() : RegisterOutput.read(r.nextInt(3));
                        case WRITE -> RegisterOutput.ok();
                        case CAS -> r.nextBoolean() ? RegisterOutput.ok() : RegisterOutput.failed();
                    });
            agree(history, new RegisterModel(), new RegisterModel(), seen);
        }
        assertTrue(seen[0] > HISTORIES / 5 && seen[1] > HISTORIES / 5,
                "Expected a mix of verdicts, got " + seen[0] + " linearizable and " + seen[1] + " not.");
    }

    @Test
    void keyValueHistoriesAgreeWithExhaustiveSearch() {
        Random random = new Random(7L);
        int[] seen = new int[2];
        for (int i = 0; i < HISTORIES; i++) {
            History<KvInput, KvOutput> history = randomHistory(random, 1 + random.nextInt(7),
                    (r, client) -> {
                        String key = r.nextInt(4) == 0 ? "b" : "a";
                        return switch (r.nextInt(3)) {
                            case 0 -> KvInput.get(key);
                            case 1 -> KvInput.put(key, "p" + r.nextInt(2));
                            default -> KvInput.append(key, Integer.toString(client));
                        };
                    }, new KvStoreModel(), (r, input) -> input.kind() == KvInput.Kind.GET
                            ? KvOutput.of(r.nextBoolean() ? "" : "p" + r.nextInt(2) + r.nextInt(3))
                            : KvOutput.ok());
            // The exhaustive search sees the whole store; the checker splits per key, or not.
            agree(history, new KvStoreModel(), new KvModel(), seen);
            agree(history, new KvStoreModel(), new KvStoreModel(), new int[2]);
        }
        assertTrue(seen[0] > HISTORIES / 5 && seen[1] > HISTORIES / 5,
                "Expected a mix of verdicts, got " + seen[0] + " linearizable and " + seen[1] + " not.");
    }

    private static <R, S, I, O> void agree(History<I, O> history, Model<R, I, O> reference, Model<S, I, O> model,
                                           int[] seen) {
        boolean expected = exhaustive(history.operations(), reference);
        Verdict verdict = LinearizabilityChecker.check(history, model, Duration.ofSeconds(30)).verdict();
        assertEquals(expected ? Verdict.LINEARIZABLE : Verdict.NOT_LINEARIZABLE, verdict, history::toString);
        seen[expected ? 0 : 1]++;
    }

    /**
     * A history from a real sequential run (each operation takes effect at a random instant inside its interval),
     * with some outputs then replaced by random ones and some replies dropped, so verdicts are mixed.
     */
    private static <S, I, O> History<I, O> randomHistory(Random random, int size,
                                                         BiFunction<Random, Integer, I> inputs, Model<S, I, O> model,
                                                         BiFunction<Random, I, O> randomOutput) {
        record Planned<I>(int client, I input, long call, long ret, double effect) {
        }
        List<Planned<I>> planned = new ArrayList<>();
        for (int client = 0; client < size; client++) {
            long call = random.nextInt(12);
            long ret = call + random.nextInt(6);
            planned.add(new Planned<>(client, inputs.apply(random, client), call, ret,
                    call + random.nextDouble() * (ret - call)));
        }
        List<Planned<I>> byEffect = new ArrayList<>(planned);
        byEffect.sort((a, b) -> Double.compare(a.effect(), b.effect()));
        S state = model.init();
        List<Operation<I, O>> operations = new ArrayList<>();
        for (Planned<I> op : byEffect) {
            O output = trueOutput(model, state, op.input(), random, randomOutput);
            state = model.apply(state, op.input());
            if (random.nextInt(4) == 0) {
                output = randomOutput.apply(random, op.input());
            }
            operations.add(random.nextInt(6) == 0
                    ? Operation.unknown(op.client(), op.input(), op.call())
                    : Operation.returned(op.client(), op.input(), output, op.call(), op.ret()));
        }
        return History.of(operations);
    }

    /** The output the model gives; found by trying random outputs, which is enough for these tiny domains. */
    private static <S, I, O> O trueOutput(Model<S, I, O> model, S state, I input, Random random,
                                          BiFunction<Random, I, O> randomOutput) {
        for (int attempt = 0; attempt < 200; attempt++) {
            O output = randomOutput.apply(random, input);
            if (model.permits(state, input, output)) {
                return output;
            }
        }
        return randomOutput.apply(random, input);
    }

    private static <S, I, O> boolean exhaustive(List<Operation<I, O>> operations, Model<S, I, O> model) {
        List<Integer> unknown = new ArrayList<>();
        for (int i = 0; i < operations.size(); i++) {
            if (operations.get(i).isUnknown()) {
                unknown.add(i);
            }
        }
        // Every subset of the operations without reply is tried as "never took effect".
        for (int dropped = 0; dropped < 1 << unknown.size(); dropped++) {
            boolean[] placed = new boolean[operations.size()];
            for (int u = 0; u < unknown.size(); u++) {
                placed[unknown.get(u)] = (dropped & (1 << u)) != 0;
            }
            if (order(operations, model, model.init(), placed)) {
                return true;
            }
        }
        return false;
    }

    private static <S, I, O> boolean order(List<Operation<I, O>> operations, Model<S, I, O> model, S state,
                                           boolean[] placed) {
        boolean all = true;
        for (int i = 0; i < operations.size(); i++) {
            if (placed[i]) {
                continue;
            }
            all = false;
            Operation<I, O> op = operations.get(i);
            if (!mayGoNext(operations, placed, op)) {
                continue;
            }
            if (op.outcome() instanceof Outcome.Returned<O> returned
                    && !model.permits(state, op.input(), returned.value())) {
                continue;
            }
            placed[i] = true;
            boolean found = order(operations, model, model.apply(state, op.input()), placed);
            placed[i] = false;
            if (found) {
                return true;
            }
        }
        return all;
    }

    /** Real time: nothing still unplaced returned before this operation was called. */
    private static <I, O> boolean mayGoNext(List<Operation<I, O>> operations, boolean[] placed, Operation<I, O> op) {
        for (int j = 0; j < operations.size(); j++) {
            if (!placed[j] && operations.get(j).returnTime() < op.callTime()) {
                return false;
            }
        }
        return true;
    }
}
