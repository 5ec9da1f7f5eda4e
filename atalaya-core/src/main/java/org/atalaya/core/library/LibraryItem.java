package org.atalaya.core.library;

import java.util.List;
import org.atalaya.core.recording.RecordingInfo;

/** A recording as the library lists it: with its call's queue and direction, score, tags and notes. */
public record LibraryItem(RecordingInfo recording, String queue, String direction, Integer score, List<Tag> tags,
    int notes, List<String> collections) {}
