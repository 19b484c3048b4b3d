package faultline.grader.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionReaderTest {

    private static final String LAB = "pbkv";
    private static final String PKG = "faultline.labs.pbkv";
    private final SubmissionReader reader = new SubmissionReader(new SubmissionRules(64 << 10, 5, 4 << 10, 16 << 10));

    private String rejection(byte[] archive) {
        return assertThrows(SubmissionRejectedException.class, () -> reader.read(LAB, "handin", archive)).getMessage();
    }

    private static Archives good() {
        return new Archives().file("faultline/labs/pbkv/PBServer.java", Archives.source(PKG, "PBServer"));
    }

    @Test
    void acceptsSourcesInThePackageFolderFromZipAndTarGzAlike() throws Exception {
        Archives a = good().file("src/main/java/faultline/labs/pbkv/Clerk.java", Archives.source(PKG, "Clerk"))
                .file("README.md", "notes");
        ValidatedSubmission fromZip = reader.read(LAB, "h.zip", a.zip());
        ValidatedSubmission fromTar = reader.read(LAB, "h.tgz", a.tarGz());
        assertEquals(List.of("faultline/labs/pbkv/Clerk.java", "faultline/labs/pbkv/PBServer.java"),
                List.copyOf(fromZip.files().keySet()));
        assertEquals(fromZip.files().keySet(), fromTar.files().keySet());
        assertEquals(List.of("README.md"), fromZip.dropped());
    }

    @Test
    void placesBareSourcesByTheirPackageLine() throws Exception {
        ValidatedSubmission s = reader.read(LAB, "h.zip",
                new Archives().file("PBServer.java", "/* package wrong; */ package  faultline.labs.pbkv ;\nclass PBServer {}")
                        .zip());
        assertEquals(List.of("faultline/labs/pbkv/PBServer.java"), List.copyOf(s.files().keySet()));
    }

    @Test
    void refusesDevicesAndPipesInATarEvenWithAJavaName() throws Exception {
        for (char type : new char[] {'3', '4', '6'}) {
            String m = rejection(good().special("faultline/labs/pbkv/Device.java", type).tarGz());
            assertTrue(m.contains("device, pipe or other special file"), type + ": " + m);
        }
    }

    /**
     * javac translates unicode escapes before it lexes: the escaped newline ends the first comment, so javac reads
     * package faultline.suites.pbkv (and the visible package line sits in a block comment). Intake must read the
     * same package, and refuse the file.
     */
    @Test
    void readsThePackageAsJavacDoesThroughUnicodeEscapes() throws Exception {
        String hidden = "// harmless \\u000a package faultline.suites.pbkv; /*\npackage faultline.labs.pbkv; // */\n"
                + "public final class Sneaky {\n}\n";
        assertEquals(java.util.Optional.of("faultline.suites.pbkv"), SubmissionReader.packageOf(hidden));
        String m = rejection(good().file("faultline/labs/pbkv/Sneaky.java", hidden).zip());
        assertTrue(m.contains("declares package faultline.suites.pbkv"), m);
        assertEquals("a\nb", SubmissionReader.withUnicodeEscapesTranslated("a\\u000ab"));
        assertEquals("a\\\\u000ab", SubmissionReader.withUnicodeEscapesTranslated("a\\\\u000ab"), "an escaped backslash");
    }

    @Test
    void refusesParentPathEntries() throws Exception {
        String m = rejection(good().file("faultline/labs/pbkv/../../../etc/x.java", "x").zip());
        assertTrue(m.contains("'..'"), m);
        assertTrue(rejection(good().file("../evil.java", "x").tarGz()).contains("'..'"));
    }

    @Test
    void refusesAbsolutePaths() throws Exception {
        String m = rejection(good().file("/etc/passwd", "x").tarGz());
        assertTrue(m.contains("absolute path"), m);
    }

    @Test
    void refusesSymlinksInZipAndTar() throws Exception {
        assertTrue(rejection(good().symlink("faultline/labs/pbkv/Link.java", "/etc/passwd").zip())
                .contains("symbolic link"));
        assertTrue(rejection(good().symlink("faultline/labs/pbkv/Link.java", "/etc/passwd").tarGz())
                .contains("symbolic link"));
    }

    @Test
    void refusesHardlinks() throws Exception {
        String m = rejection(good().hardlink("faultline/labs/pbkv/Copy.java", "/etc/shadow").tarGz());
        assertTrue(m.contains("hard link"), m);
    }

    @Test
    void refusesAnArchiveBombWhileInflatingWhateverTheHeaderSays() throws Exception {
        byte[] zeros = new byte[8 << 20];
        byte[] zip = good().file("faultline/labs/pbkv/Big.java", zeros).zip();
        byte[] tgz = good().file("faultline/labs/pbkv/Big.java", zeros).tarGz();
        assertTrue(zip.length < 64 << 10 && tgz.length < 64 << 10, "the bomb must be small when packed");
        assertTrue(rejection(zip).contains("over the limit"));
        assertTrue(rejection(tgz).contains("over the limit"));
    }

    @Test
    void refusesAnOversizedFileAndTooManyFiles() throws Exception {
        String big = "package " + PKG + "; class Big {}\n//" + "x".repeat(5 << 10);
        assertTrue(rejection(good().file("faultline/labs/pbkv/Big.java", big).zip()).contains("for one file"));
        Archives many = good();
        for (int i = 0; i < 5; i++) {
            many.file("faultline/labs/pbkv/C" + i + ".java", Archives.source(PKG, "C" + i));
        }
        assertTrue(rejection(many.zip()).contains("more than 5 files"));
    }

    @Test
    void refusesAnOversizedArchive() {
        String m = rejection(new byte[(64 << 10) + 1]);
        assertTrue(m.contains("over the limit"), m);
    }

    @Test
    void refusesTheWrongPackage() throws Exception {
        String m = rejection(new Archives().file("Other.java", Archives.source("faultline.labs.paxoskv", "Other")).zip());
        assertTrue(m.contains("declares package faultline.labs.paxoskv"), m);
        String folder = rejection(new Archives()
                .file("faultline/labs/pbkv/X.java", Archives.source("faultline.labs.pbkv.inner", "X")).zip());
        assertTrue(folder.contains("Make the package line and the folder agree"), folder);
        String outside = rejection(new Archives().file("lib/X.java", Archives.source(PKG, "X")).zip());
        assertTrue(outside.contains("outside the lab's folder"), outside);
    }

    @Test
    void acceptsEveryPackageOfALabMadeOfSeveral() throws Exception {
        ValidatedSubmission s = reader.read("paxoskv", "h.zip", new Archives()
                .file("faultline/labs/paxos/Paxos.java", Archives.source("faultline.labs.paxos", "Paxos"))
                .file("KVServer.java", Archives.source("faultline.labs.paxoskv", "KVServer"))
                .file("src/main/java/faultline/labs/kv/KVStore.java", Archives.source("faultline.labs.kv", "KVStore"))
                .zip());
        assertEquals(List.of("faultline/labs/kv/KVStore.java", "faultline/labs/paxos/Paxos.java",
                "faultline/labs/paxoskv/KVServer.java"), List.copyOf(s.files().keySet()));
        String m = assertThrows(SubmissionRejectedException.class, () -> reader.read("paxoskv", "h.zip", new Archives()
                .file("Other.java", Archives.source(PKG, "Other")).zip())).getMessage();
        assertTrue(m.contains("not one of faultline.labs.paxos, faultline.labs.kv, faultline.labs.paxoskv"), m);
    }

    private static Archives labThree(String top) {
        return new Archives()
                .file(top + "src/main/java/faultline/labs/paxos/Paxos.java", Archives.source("faultline.labs.paxos", "Paxos"))
                .file(top + "src/main/java/faultline/labs/kv/KVStore.java", Archives.source("faultline.labs.kv", "KVStore"))
                .file(top + "src/main/java/faultline/labs/paxoskv/KVServer.java",
                        Archives.source("faultline.labs.paxoskv", "KVServer"));
    }

    @Test
    void gradesTheWholeHandoutFolderLikeTheBarePackagesAndSaysOnceWhatWasLeftOut() throws Exception {
        String top = "faultline-paxoskv/";
        Archives handout = labThree(top)
                .file(top + "pom.xml", "<project/>")
                .file(top + "README.md", "# Lab 3")
                .file(top + "Submit.java", "public class Submit {}")
                .file(top + ".mvn/maven.config", "-o")
                .file(top + "lib/dev/faultline/faultline-framework/1/faultline-framework-1.jar", new byte[] {'P', 'K'})
                .file(top + "src/test/java/faultline/labs/paxos/PaxosTest.java",
                        Archives.source("faultline.labs.paxos", "PaxosTest"));
        for (int i = 0; i < 6; i++) { // more build output than the 5 sources the rules allow
            handout.file(top + "target/classes/faultline/labs/paxos/C" + i + ".class", new byte[] {(byte) 0xca});
        }
        ValidatedSubmission whole = reader.read("paxoskv", "handout.zip", handout.zip());
        ValidatedSubmission bare = reader.read("paxoskv", "bare.zip", labThree("").zip());
        assertEquals(bare.files().keySet(), whole.files().keySet());
        for (String file : bare.files().keySet()) {
            assertTrue(java.util.Arrays.equals(bare.files().get(file), whole.files().get(file)), file);
        }
        assertEquals(List.of(top + "README.md", top + ".mvn/", top + "Submit.java", top + "lib/", top + "pom.xml",
                top + "src/test/", top + "target/ (6 files)"), whole.dropped());
        assertEquals(whole.files().keySet(), reader.read("paxoskv", "h.tgz", handout.tarGz()).files().keySet());
    }

    @Test
    void tellsASubmissionForAnotherLabWhichLabItIsFor() throws Exception {
        String m = assertThrows(SubmissionRejectedException.class,
                () -> reader.read("shardkv", "lab3.zip", labThree("faultline-paxoskv/").zip())).getMessage();
        assertTrue(m.contains("KVServer.java declares package faultline.labs.paxoskv"), m);
        assertTrue(m.contains("this looks like a submission for paxoskv. Submit it to that lab instead."), m);
        String shared = rejection(new Archives().file("Paxos.java", Archives.source("faultline.labs.paxos", "Paxos")).zip());
        assertTrue(shared.contains("a submission for paxoskv or shardkv"), shared);
        String unknown = rejection(new Archives().file("X.java", Archives.source("faultline.labs.nolab", "X")).zip());
        assertTrue(unknown.endsWith("only; fix the package line."), unknown);
    }

    @Test
    void namesTheMissingPackagesOfALabMadeOfSeveralBeforeAnythingCompiles() throws Exception {
        String m = assertThrows(SubmissionRejectedException.class, () -> reader.read("paxoskv", "h.zip", new Archives()
                .file("faultline/labs/paxos/Paxos.java", Archives.source("faultline.labs.paxos", "Paxos")).zip()))
                .getMessage();
        assertTrue(m.startsWith("The submission has no sources in faultline/labs/paxoskv/. Lab paxoskv is graded from"
                + " your packages faultline.labs.paxos and faultline.labs.paxoskv together"), m);
        // kv is the course's: a submission without it is complete.
        assertEquals(2, reader.read("paxoskv", "h.zip", new Archives()
                .file("faultline/labs/paxos/Paxos.java", Archives.source("faultline.labs.paxos", "Paxos"))
                .file("faultline/labs/paxoskv/KVServer.java", Archives.source("faultline.labs.paxoskv", "KVServer"))
                .zip()).files().size());
    }

    @Test
    void refusesNonJavaFiles() throws Exception {
        String m = rejection(good().file("faultline/labs/pbkv/PBServer.class", new byte[] {(byte) 0xca, (byte) 0xfe}).zip());
        assertTrue(m.contains("not a Java source"), m);
    }

    @Test
    void refusesDuplicateEntries() throws Exception {
        String m = rejection(good().file("faultline/labs/pbkv/PBServer.java", Archives.source(PKG, "PBServer")).zip());
        assertTrue(m.contains("appears twice"), m);
        String t = rejection(good().file("./faultline/labs/pbkv/PBServer.java", Archives.source(PKG, "PBServer")).tarGz());
        assertTrue(t.contains("appears twice"), t);
    }

    @Test
    void refusesMalformedArchives() throws Exception {
        byte[] zip = good().zip();
        byte[] cut = java.util.Arrays.copyOf(zip, zip.length / 2);
        assertTrue(rejection(cut).contains("could not be read as a zip archive"));
        byte[] tgz = good().tarGz();
        assertTrue(rejection(java.util.Arrays.copyOf(tgz, tgz.length - 12)).contains("tar.gz"));
        assertTrue(rejection("just text".getBytes(StandardCharsets.UTF_8)).contains("neither a zip nor a tar.gz"));
    }

    @Test
    void refusesSourcesThatAreNotUtf8OrHaveNoPackage() throws Exception {
        assertTrue(rejection(new Archives().file("faultline/labs/pbkv/A.java", new byte[] {'a', (byte) 0xff}).zip())
                .contains("not UTF-8"));
        assertTrue(rejection(new Archives().file("faultline/labs/pbkv/A.java", "class A {}").zip())
                .contains("no package line"));
    }

    @Test
    void readsAFolderAndRefusesLinksInIt(@TempDir Path dir) throws Exception {
        Path pkg = Files.createDirectories(dir.resolve("faultline/labs/pbkv"));
        Files.writeString(pkg.resolve("PBServer.java"), Archives.source(PKG, "PBServer"));
        assertEquals(1, reader.read(LAB, dir).files().size());
        Files.createSymbolicLink(pkg.resolve("Link.java"), Path.of("/etc/passwd"));
        String m = assertThrows(SubmissionRejectedException.class, () -> reader.read(LAB, dir)).getMessage();
        assertTrue(m.contains("symbolic link"), m);
    }

    @Test
    void refusesAHardLinkInAFolder(@TempDir Path dir) throws IOException {
        Path pkg = Files.createDirectories(dir.resolve("faultline/labs/pbkv"));
        Path real = Files.writeString(pkg.resolve("PBServer.java"), Archives.source(PKG, "PBServer"));
        Files.createLink(pkg.resolve("Copy.java"), real);
        String m = assertThrows(SubmissionRejectedException.class, () -> reader.read(LAB, dir)).getMessage();
        assertTrue(m.contains("hard link"), m);
    }
}
