package faultline.web.grades;

import faultline.framework.LabPackages;
import faultline.skeleton.handout.Handout;
import faultline.testkit.junit.SeededTestExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Which graded tests a student also has in the handout, and the command that replays one of them on their own
 * machine. A test is public when the handout bundled with this build has a test class of the same simple name
 * in one of the lab's packages with a method of the same name: the handout's public tests are graded from those
 * very files, so a graded failure on a seed replays the same in the handout.
 */
public final class PublicTests {

    private final Map<String, Boolean> known = new ConcurrentHashMap<>();

    /** The handout's replay command for {@code testClass#method} on {@code seed}, if the handout has that test. */
    public Optional<String> localReplay(String lab, String testClass, String method, long seed) {
        String simple = testClass.substring(testClass.lastIndexOf('.') + 1);
        boolean present = known.computeIfAbsent(lab + "/" + simple + "#" + method, k -> inHandout(lab, simple, method));
        return present ? Optional.of(SeededTestExtension.DEFAULT_REPLAY.replace("{class}", simple)
                .replace("{method}", method).replace("{seed}", Long.toString(seed))) : Optional.empty();
    }

    private static boolean inHandout(String lab, String simple, String method) {
        if (!lab.matches("[a-z0-9]+") || !simple.matches("[A-Za-z0-9_]+") || !method.matches("[A-Za-z0-9_]+")) {
            return false;
        }
        // A lab of several packages has public tests in each (Lab 3's PaxosTest is in faultline/labs/paxos).
        for (String labPackage : LabPackages.of(lab)) {
            String path = Handout.BUNDLED + "/src/test/java/faultline/labs/" + labPackage + "/" + simple + ".java";
            try (InputStream in = PublicTests.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    continue;
                }
                String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (Pattern.compile("\\bvoid\\s+" + method + "\\s*\\(").matcher(source).find()) {
                    return true;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }
}
