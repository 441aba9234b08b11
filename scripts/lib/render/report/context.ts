/** What a report needs besides the incident: where it came from and the moment it describes. */
export interface ReportContext {
  /** Source commit (40 hex) or a stand-in such as "uncommitted". */
  commit: string;
  /** True when incident files differ from the commit (the input hash is still exact). */
  dirty?: boolean;
  /** The "as of" moment, RFC 3339 UTC: the commit time unless --generated-at was passed. */
  generatedAt: string;
  /** Phase id → title, from the lifecycle. */
  phaseTitles: Readonly<Record<string, string>>;
  /** Phase ids in lifecycle order. */
  phaseOrder: readonly string[];
  toolVersion: string;
  /** Relative link from a per-incident report to the dashboard; omitted for a single report. */
  dashboardHref?: string;
}
