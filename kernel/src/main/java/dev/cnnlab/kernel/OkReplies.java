package dev.cnnlab.kernel;

import java.util.ArrayList;
import java.util.List;

import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;

/**
 * Reply contents jjava-jupyter 1.0-a6 sends incompletely: kernel_info_reply and history_reply lack
 * {@code "status": "ok"}, and history entries are not written as the [session, line, input] arrays the
 * protocol specifies.
 */
final class OkReplies {
    private OkReplies() {}

    /** kernel_info_reply with its status, announcing the debugger (JupyterLab then offers it). */
    static final class KernelInfo extends KernelInfoReply {
        @SuppressWarnings("unused")  // serialised by Gson
        private final String status = "ok";
        @SuppressWarnings("unused")
        private final boolean debugger = true;

        KernelInfo(String protocol, String name, String version, LanguageInfo lang, String banner, List<HelpLink> links) {
            super(protocol, name, version, lang, banner, links);
        }
    }

    /** history_reply content: status and entries as arrays. */
    static final class History {
        @SuppressWarnings("unused")
        private final String status = "ok";
        @SuppressWarnings("unused")
        private final List<Object> history = new ArrayList<>();

        History(List<HistoryEntry> entries) {
            for (HistoryEntry e : entries) {
                Object in = e.hasOutput() ? List.of(e.getInput(), e.getOutput()) : e.getInput();
                history.add(List.of(e.getSession(), e.getCellNumber(), in));
            }
        }
    }
}
