package dev.runstatus.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One runstatus per data directory: an exclusive OS file lock on {@value #FILE}, which holds the owner's
 * pid. The operating system releases the lock when its process ends, however it ends, so a killed
 * runstatus never leaves a directory locked.
 */
final class DataDirectoryLock implements AutoCloseable {

    static final String FILE = "runstatus.lock";

    private final Path directory;
    private final boolean created;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(Path directory, boolean created, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.created = created;
        this.channel = channel;
        this.lock = lock;
    }

    /** Creates the directory if need be and locks it, or fails at once, naming the process that holds it. */
    static DataDirectoryLock acquire(Path directory) throws IOException {
        boolean created = !Files.isDirectory(directory);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IOException("cannot create the data directory " + directory + ": " + reason(e), e);
        }
        Path file = directory.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            lock = null;
        }
        if (lock == null) {
            String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
            channel.close();
            throw new DataDirectoryInUseException(directory, holder);
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
        channel.force(false);
        return new DataDirectoryLock(directory, created, channel, lock);
    }

    private static String reason(IOException e) {
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e instanceof FileSystemException failure && failure.getReason() != null
                ? failure.getReason().toLowerCase(Locale.ROOT) : e.toString();
    }

    /** Unlocks; a directory this lock created and nothing else wrote to (a start that failed at once) is removed. */
    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
        if (created) {
            try (Stream<Path> files = Files.list(directory)) {
                if (files.allMatch(file -> file.getFileName().toString().equals(FILE))) {
                    Files.deleteIfExists(directory.resolve(FILE));
                    Files.deleteIfExists(directory);
                }
            }
        }
    }
}
