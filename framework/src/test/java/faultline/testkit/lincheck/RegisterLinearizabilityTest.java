package faultline.testkit.lincheck;

import faultline.testkit.history.History;
import faultline.testkit.history.Operation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RegisterLinearizabilityTest {

    private static Operation<RegisterInput, RegisterOutput> write(int client, long value, long call, long ret) {
        return Operation.returned(client, RegisterInput.write(value), RegisterOutput.ok(), call, ret);
    }

    private static Operation<RegisterInput, RegisterOutput> read(int client, long value, long call, long ret) {
        return Operation.returned(client, RegisterInput.read(), RegisterOutput.read(value), call, ret);
    }

    private static Operation<RegisterInput, RegisterOutput> readEmpty(int client, long call, long ret) {
        return Operation.returned(client, RegisterInput.read(), RegisterOutput.readEmpty(), call, ret);
    }

    private static Operation<RegisterInput, RegisterOutput> cas(int client, long from, long to, boolean applied,
                                                                long call, long ret) {
        return Operation.returned(client, RegisterInput.cas(from, to),
                applied ? RegisterOutput.ok() : RegisterOutput.failed(), call, ret);
    }

    private static Operation<RegisterInput, RegisterOutput> casNoReply(int client, long from, long to, long call) {
        return Operation.unknown(client, RegisterInput.cas(from, to), call);
    }

    @SafeVarargs
    private static Verdict verdict(Operation<RegisterInput, RegisterOutput>... operations) {
        List<Operation<RegisterInput, RegisterOutput>> list = new ArrayList<>();
        for (Operation<RegisterInput, RegisterOutput> operation : operations) {
            list.add(operation);
        }
        return LinearizabilityChecker.check(History.of(list), new RegisterModel(), Duration.ofSeconds(30)).verdict();
    }

    @Test
    void theRegisterStartsEmpty() {
        assertEquals(Verdict.LINEARIZABLE, verdict(readEmpty(0, 0, 1), write(0, 1, 2, 3), read(1, 1, 4, 5)));
        assertEquals(Verdict.NOT_LINEARIZABLE, verdict(write(0, 1, 0, 1), readEmpty(1, 2, 3)));
    }

    @Test
    void aCasAppliesOnlyWhenTheRegisterHoldsItsExpectedValue() {
        assertEquals(Verdict.LINEARIZABLE, verdict(write(0, 1, 0, 1), cas(1, 1, 2, true, 2, 3), read(0, 2, 4, 5)));
        assertEquals(Verdict.NOT_LINEARIZABLE, verdict(write(0, 1, 0, 1), cas(1, 3, 2, true, 2, 3)));
        assertEquals(Verdict.NOT_LINEARIZABLE, verdict(cas(1, 0, 2, true, 0, 1)));
    }

    @Test
    void aFailedCasLeavesTheValueAndMustHaveSeenAnotherOne() {
        assertEquals(Verdict.LINEARIZABLE, verdict(write(0, 1, 0, 1), cas(1, 3, 2, false, 2, 3), read(0, 1, 4, 5)));
        assertEquals(Verdict.NOT_LINEARIZABLE, verdict(write(0, 1, 0, 1), cas(1, 1, 2, false, 2, 3)));
        assertEquals(Verdict.NOT_LINEARIZABLE,
                verdict(write(0, 1, 0, 1), cas(1, 3, 2, false, 2, 3), read(0, 2, 4, 5)));
    }

    @Test
    void aCasFailureIsLinearizableIfAConcurrentWriteChangedTheValueFirst() {
        assertEquals(Verdict.LINEARIZABLE,
                verdict(write(0, 1, 0, 1), write(2, 5, 2, 10), cas(1, 1, 2, false, 3, 4), read(0, 5, 11, 12)));
    }

    @Test
    void aCasWithoutReplyMayApplyLaterOrNever() {
        assertEquals(Verdict.LINEARIZABLE, verdict(write(0, 1, 0, 1), casNoReply(1, 1, 2, 2), read(0, 1, 3, 4),
                read(0, 2, 5, 6)));
        assertEquals(Verdict.LINEARIZABLE, verdict(write(0, 1, 0, 1), casNoReply(1, 1, 2, 2), read(0, 1, 3, 4)));
        assertEquals(Verdict.NOT_LINEARIZABLE, verdict(write(0, 1, 0, 1), casNoReply(1, 1, 2, 2), read(0, 2, 3, 4),
                read(0, 1, 5, 6)));
        assertEquals(Verdict.NOT_LINEARIZABLE, verdict(write(0, 1, 0, 1), casNoReply(1, 3, 2, 2), read(0, 2, 3, 4)));
    }
}
