package dev.simlab.core.checkpoint;

import java.io.IOException;

/**
 * A file that is not a checkpoint SimLab can restore from (not one at all, truncated, a folder, or
 * lacking an entry the agent needs). Its message names the file and says what is wrong in one
 * line; the CLI reports it as bad input. An {@link IOException}, so every restore signature stays.
 */
public class CheckpointException extends IOException {
    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
