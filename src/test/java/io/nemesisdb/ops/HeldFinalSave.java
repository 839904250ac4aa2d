package io.nemesisdb.ops;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import io.nemesisdb.ops.StoreSize;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

/**
 * A final save for child-server tests, chosen over persistence's: it marks that it started,
 * waits until the test creates {@code release} in the directory named by the system property
 * {@code nemesis.test.final-save-dir}, then writes {@code saved} with the dataset name and the
 * number of keys it saw.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class HeldFinalSave implements FinalSave {

    public static final String DIRECTORY_PROPERTY = "nemesis.test.final-save-dir";

    /** Writes into {@code dir} a bean archive holding only this class, for a child server's classpath ahead of the rest. */
    static List<Path> beanArchive(Path dir) throws IOException, URISyntaxException {
        Path classFile = Path.of(HeldFinalSave.class.getResource("HeldFinalSave.class").toURI());
        Path target = dir.resolve("io/nemesisdb/ops/HeldFinalSave.class");
        Files.createDirectories(target.getParent());
        Files.copy(classFile, target);
        Files.createDirectories(dir.resolve("META-INF"));
        Files.writeString(dir.resolve("META-INF/beans.xml"),
                "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\" bean-discovery-mode=\"annotated\"/>");
        return List.of(dir);
    }

    @Inject
    StoreSize store;

    @Override
    public void save(String name, Duration timeout) throws IOException, InterruptedException, TimeoutException {
        Path directory = Path.of(System.getProperty(DIRECTORY_PROPERTY));
        Files.writeString(directory.resolve("started"), name);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(directory.resolve("release"))) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("not released within " + timeout);
            }
            Thread.sleep(20);
        }
        Files.writeString(directory.resolve("saved"), name + " " + store.keys());
    }
}
