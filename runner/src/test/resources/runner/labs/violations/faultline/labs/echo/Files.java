package faultline.labs.echo;

import java.io.FileInputStream;
import java.nio.file.Path;

final class Files {
    Object read() throws Exception {
        new FileInputStream("/etc/passwd").close(); // expect: FILES
        return java.nio.file.Files.readAllBytes(Path.of("x")); // expect: FILES
    }
}
