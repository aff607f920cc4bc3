package dev.runstatus.cli;

import dev.runstatus.config.PipelineVersion;
import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"runstatus " + PipelineVersion.current()};
    }
}
