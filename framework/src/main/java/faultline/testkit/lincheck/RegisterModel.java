package faultline.testkit.lincheck;

import faultline.testkit.history.History;

import java.util.List;

/**
 * A single register with read, write and compare-and-set, starting empty. A cas applies when the register holds
 * exactly its expected value, and reports whether it did; a cas on an empty register never applies.
 */
public final class RegisterModel implements Model<RegisterState, RegisterInput, RegisterOutput> {

    @Override
    public RegisterState init() {
        return RegisterState.EMPTY;
    }

    @Override
    public boolean permits(RegisterState state, RegisterInput input, RegisterOutput output) {
        return switch (input.kind()) {
            case READ -> output.read().equals(state);
            case WRITE -> true;
            case CAS -> matches(state, input) == output.applied();
        };
    }

    @Override
    public RegisterState apply(RegisterState state, RegisterInput input) {
        return switch (input.kind()) {
            case READ -> state;
            case WRITE -> RegisterState.of(input.value());
            case CAS -> matches(state, input) ? RegisterState.of(input.value()) : state;
        };
    }

    @Override
    public boolean isReadOnly(RegisterInput input, RegisterOutput output) {
        return input.kind() == RegisterInput.Kind.READ || (input.kind() == RegisterInput.Kind.CAS && !output.applied());
    }

    private static boolean matches(RegisterState state, RegisterInput input) {
        return state.written() && state.value() == input.expected();
    }

    @Override
    public List<SubHistory<RegisterInput, RegisterOutput>> partition(History<RegisterInput, RegisterOutput> history) {
        return List.of(new SubHistory<>("the register", history));
    }

    @Override
    public String describe(RegisterInput input, RegisterOutput output) {
        return switch (input.kind()) {
            case READ -> "read returned " + output.read();
            case WRITE -> describeCall(input);
            case CAS -> describeCall(input) + (output.applied() ? " succeeded" : " failed");
        };
    }

    @Override
    public String describeCall(RegisterInput input) {
        return switch (input.kind()) {
            case READ -> "read";
            case WRITE -> "write " + input.value();
            case CAS -> "cas " + input.expected() + " -> " + input.value();
        };
    }
}
