package io.nemesisdb.bench.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link SpikeMember} JVM started by the driver: its command line, its replies, and a kill -9. */
final class MemberProcess implements AutoCloseable {

    private final Process process;
    private final PrintWriter commands;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

    private MemberProcess(Process process) {
        this.process = process;
        this.commands = new PrintWriter(process.getOutputStream(), true);
        Thread.ofPlatform().daemon().start(this::readReplies);
    }

    /** Starts member {@code index} on this JVM's class path; its log goes to {@code log}. */
    static MemberProcess start(String engine, int index, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                SpikeMember.class.getName(), engine, Integer.toString(index))
                .redirectError(log.toFile())
                .start();
        return new MemberProcess(process);
    }

    long pid() {
        return process.pid();
    }

    void send(String command) {
        commands.println(command);
    }

    /** The next {@code SPIKE} line, waiting at most {@code seconds}. */
    String reply(long seconds) throws InterruptedException {
        String reply = replies.poll(seconds, TimeUnit.SECONDS);
        if (reply == null) {
            throw new IllegalStateException("member " + process.pid() + " gave no reply in " + seconds + " s");
        }
        return reply;
    }

    String ask(String command, long seconds) throws InterruptedException {
        send(command);
        return reply(seconds);
    }

    /** SIGKILL: the member gets no chance to hand its partitions over. */
    void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            send("exit");
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                killHard();
            }
        }
    }

    private void readReplies() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("SPIKE ")) {
                    replies.add(line.substring("SPIKE ".length()));
                }
            }
        } catch (IOException e) {
            replies.add("stdout closed: " + e.getMessage());
        }
    }
}
