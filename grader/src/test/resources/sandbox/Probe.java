import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;

/** Run inside the sandbox's container set-up (not through the runner) to report what code there can do. */
public class Probe {
    public static void main(String[] args) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) {
                System.out.println("uid=" + line.split("\\s+")[1]);
            }
            if (line.startsWith("CapEff:")) {
                System.out.println("capabilities=" + line.split("\\s+")[1]);
            }
        }
        System.out.println("interfaces=" + Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .map(NetworkInterface::getName).toList());
        try {
            Files.writeString(Path.of("/opt/escape.txt"), "x");
            System.out.println("root=writable");
        } catch (Exception e) {
            System.out.println("root=read-only (" + e + ")");
        }
        Files.writeString(Path.of("/tmp/scratch.txt"), "x");
        System.out.println("tmp=writable");
    }
}
