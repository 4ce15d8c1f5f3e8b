package dev.cnnlab.kernel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

/** The inputs of this session, for history_request (tail, range and glob search). */
final class CellHistory implements HistoryManager {
    private final List<String> inputs = new ArrayList<>();

    synchronized void add(String code) {
        inputs.add(code);
    }

    @Override
    public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        int from = Math.max(0, inputs.size() - Math.max(length, 0));
        return entries(from, inputs.size());
    }

    @Override
    public synchronized List<HistoryEntry> lookupRange(int session, int start, int stop, Set<ResultFlag> flags) {
        int from = Math.max(0, start - 1);
        int to = stop <= 0 ? inputs.size() : Math.min(inputs.size(), stop - 1);
        return from >= to ? List.of() : entries(from, to);
    }

    @Override
    public synchronized List<HistoryEntry> search(String glob, int length, Set<ResultFlag> flags) {
        Pattern p = Pattern.compile(globToRegex(glob == null || glob.isEmpty() ? "*" : glob), Pattern.DOTALL);
        List<HistoryEntry> hits = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = inputs.size() - 1; i >= 0; i--) {
            String in = inputs.get(i);
            if (!p.matcher(in).matches()) continue;
            if (flags.contains(ResultFlag.UNIQUE) && !seen.add(in)) continue;
            hits.add(0, new HistoryEntry(0, i + 1, in, null));
            if (length > 0 && hits.size() >= length) break;
        }
        return hits;
    }

    private List<HistoryEntry> entries(int from, int to) {
        List<HistoryEntry> out = new ArrayList<>();
        for (int i = from; i < to; i++) out.add(new HistoryEntry(0, i + 1, inputs.get(i), null));
        return out;
    }

    static String globToRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') sb.append(".*");
            else if (c == '?') sb.append('.');
            else sb.append(Pattern.quote(String.valueOf(c)));
        }
        return sb.toString();
    }
}
