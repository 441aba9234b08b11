/* Generated from schemas/incident.schema.json by scripts/tools/gen-types.ts — do not edit; run npm run gen:types. */

/**
 * RFC 3339 date-time with an offset.
 */
export type Timestamp = string;
export type IncidentId = string;
/**
 * Quoted string, not a YAML boolean.
 */
export type Tristate = 'yes' | 'no' | 'unknown';
/**
 * ISO 4217 code.
 */
export type Currency = string;

/**
 * Front matter of one incident file (incidents/<year>/<id>-<slug>.md). Single source of truth: TypeScript types are generated from this file (npm run gen:types).
 */
export interface Incident {
  /**
   * Version of this schema the file follows.
   */
  schema_version: '1.0';
  /**
   * INC-<yyyymmdd>-<4 random Crockford base32 chars>; equals the start of the file name; never changes.
   */
  id: string;
  title: string;
  /**
   * Current lifecycle phase.
   */
  phase:
    | 'detection'
    | 'preliminary-analysis'
    | 'logging'
    | 'notification'
    | 'investigation'
    | 'final-report'
    | 'feedback'
    | 'closed';
  /**
   * Append-only record of every phase entered.
   */
  phase_history?: {
    phase:
      | 'detection'
      | 'preliminary-analysis'
      | 'logging'
      | 'notification'
      | 'investigation'
      | 'final-report'
      | 'feedback'
      | 'closed';
    entered_at: Timestamp;
    /**
     * Who moved the incident into this phase.
     */
    by: string;
    /**
     * Required when the entry reopens the incident (moves back).
     */
    reason?: string;
  }[];
  /**
   * Traffic Light Protocol 2.0 label of the whole record.
   */
  tlp: 'TLP:CLEAR' | 'TLP:GREEN' | 'TLP:AMBER' | 'TLP:AMBER+STRICT' | 'TLP:RED';
  /**
   * Permissible Actions Protocol.
   */
  pap?: 'PAP:CLEAR' | 'PAP:GREEN' | 'PAP:AMBER' | 'PAP:RED';
  /**
   * STIX incident-core determination.
   */
  determination:
    'suspected' | 'successful-attempt' | 'failed-attempt' | 'blocked' | 'low-value' | 'false-positive';
  /**
   * MISP incident-disposition.
   */
  disposition?: string;
  /**
   * Why the disposition / determination was chosen (required for the closing shortcut).
   */
  disposition_rationale?: string;
  duplicate_of?: IncidentId;
  related_incidents?: IncidentId[];
  reporter: {
    name: string;
    contact?: string;
    kind: 'internal' | 'external' | 'partner' | 'automated';
  };
  /**
   * Incident commander (git/GitHub handle).
   */
  owner: string;
  responders?: {
    name: string;
    role: 'ic' | 'scribe' | 'comms' | 'legal' | 'dpo' | 'forensics' | 'sme';
  }[];
  contacts?: {
    /**
     * Data protection officer contact.
     */
    dpo?: string;
    legal?: string;
    comms?: string;
  };
  /**
   * How the incident came to light.
   */
  detection_method:
    | 'automated-tool'
    | 'human-review'
    | 'message-from-attacker'
    | 'user-reporting'
    | 'third-party-notification'
    | 'law-enforcement'
    | 'system-outage';
  /**
   * RFC 3339 timestamps with an offset, kept as written.
   */
  timestamps: {
    /**
     * RFC 3339 date-time with an offset.
     */
    occurred_at?: string;
    /**
     * RFC 3339 date-time with an offset.
     */
    detected_at?: string;
    /**
     * RFC 3339 date-time with an offset.
     */
    reported_at?: string;
    /**
     * RFC 3339 date-time with an offset.
     */
    acknowledged_at?: string;
    /**
     * RFC 3339 date-time with an offset.
     */
    declared_at?: string;
    /**
     * RFC 3339 date-time with an offset.
     */
    aware_at?: string;
    /**
     * RFC 3339 date-time with an offset.
     */
    suspected_at?: string;
    /**
     * RFC 3339 date-time with an offset.
     */
    classified_major_at?: string;
    /**
     * RFC 3339 date-time with an offset.
     */
    materiality_determined_at?: string;
    /**
     * RFC 3339 date-time with an offset.
     */
    info_determined_at?: string;
    /**
     * RFC 3339 date-time with an offset.
     */
    determined_at?: string;
    /**
     * RFC 3339 date-time with an offset.
     */
    discovered_at?: string;
    /**
     * RFC 3339 date-time with an offset.
     */
    rrosh_determined_at?: string;
    /**
     * RFC 3339 date-time with an offset.
     */
    eligible_breach_believed_at?: string;
    /**
     * RFC 3339 date-time with an offset.
     */
    reasonable_belief_at?: string;
    contained_at?: Timestamp;
    eradicated_at?: Timestamp;
    recovered_at?: Timestamp;
    resolved_at?: Timestamp;
    lessons_learned_at?: Timestamp;
    closed_at?: Timestamp;
  };
  occurred_at_confidence?: 'exact' | 'estimated' | 'unknown';
  /**
   * Reason a lifecycle timestamp does not apply (e.g. nothing to eradicate).
   */
  timestamps_not_applicable?: {
    [k: string]: string | undefined;
  };
  /**
   * Organisation severity scale (default sev1 highest .. sev4).
   */
  severity?: string;
  nciss_priority?:
    'emergency' | 'severe' | 'high' | 'medium' | 'low' | 'baseline-minor' | 'baseline-negligible';
  /**
   * ENISA Reference Security Incident Taxonomy (RSIT) v1.3.
   */
  category?: {
    /**
     * RSIT class.
     */
    class:
      | 'abusive-content'
      | 'malicious-code'
      | 'information-gathering'
      | 'intrusion-attempts'
      | 'intrusions'
      | 'availability'
      | 'information-content-security'
      | 'fraud'
      | 'vulnerable'
      | 'other'
      | 'test';
    /**
     * RSIT type, constrained by class.
     */
    type?: string;
  };
  impact?: {
    /**
     * CISA functional impact.
     */
    functional?:
      | 'no-impact'
      | 'no-impact-to-services'
      | 'minimal-impact-to-non-critical-services'
      | 'minimal-impact-to-critical-services'
      | 'significant-impact-to-non-critical-services'
      | 'denial-of-non-critical-services'
      | 'significant-impact-to-critical-services'
      | 'denial-of-critical-services-loss-of-control';
    /**
     * CISA information impact.
     *
     * @minItems 1
     */
    information?: [
      (
        | 'no-impact'
        | 'suspected-but-not-identified'
        | 'privacy-data-breach'
        | 'proprietary-information-breach'
        | 'destruction-of-non-critical-systems'
        | 'critical-systems-data-breach'
        | 'core-credential-compromise'
        | 'destruction-of-critical-system'
      ),
      ...(
        | 'no-impact'
        | 'suspected-but-not-identified'
        | 'privacy-data-breach'
        | 'proprietary-information-breach'
        | 'destruction-of-non-critical-systems'
        | 'critical-systems-data-breach'
        | 'core-credential-compromise'
        | 'destruction-of-critical-system'
      )[]
    ];
    /**
     * CISA recoverability.
     */
    recoverability?: 'regular' | 'supplemented' | 'extended' | 'not-recoverable' | 'not-applicable';
  };
  /**
   * CISA attack vector.
   */
  attack_vector?:
    | 'unknown'
    | 'attrition'
    | 'web'
    | 'email-phishing'
    | 'external-removable-media'
    | 'impersonation-spoofing'
    | 'improper-usage'
    | 'loss-or-theft-of-equipment'
    | 'other';
  /**
   * Why the vector stays unknown after investigation.
   */
  attack_vector_rationale?: string;
  observed_activity?: 'prepare' | 'engage' | 'presence' | 'effect';
  observed_activity_location?:
    | 'level-0-unsuccessful'
    | 'level-1-business-dmz'
    | 'level-2-business-network'
    | 'level-3-business-network-management'
    | 'level-4-critical-system-dmz'
    | 'level-5-critical-system-management'
    | 'level-6-critical-systems'
    | 'level-7-safety-systems'
    | 'unknown';
  incident_types?: (
    | 'compromised-system'
    | 'denial-of-service'
    | 'destruction'
    | 'equipment-loss'
    | 'equipment-theft'
    | 'major'
    | 'supply-chain-customer'
    | 'supply-chain-vendor'
    | 'unauthorized-access'
    | 'unauthorized-equipment'
    | 'unauthorized-release'
    | 'unauthorized-use'
  )[];
  /**
   * MITRE ATT&CK technique ids.
   */
  attack_techniques?: string[];
  suspected_malicious?: Tristate;
  scope?: {
    systems?: string[];
    services?: string[];
    /**
     * ISO 3166-1 alpha-2 or 3166-2 codes.
     */
    jurisdictions?: string[];
    member_states_impacted?: string[];
    cross_border?: Tristate;
    /**
     * DORA precondition.
     */
    critical_services_affected?: boolean;
  };
  personal_data?: {
    involved?: Tristate;
    role?: 'controller' | 'processor' | 'joint-controller';
    categories?: (
      | 'contact'
      | 'identifiers'
      | 'financial'
      | 'credentials'
      | 'health'
      | 'special-category'
      | 'children'
      | 'government-id'
      | 'location'
      | 'employment'
      | 'other'
    )[];
    subjects_estimate?: number;
    records_estimate?: number;
    subjects_final?: number;
    records_final?: number;
    encrypted?: boolean;
    key_compromised?: boolean;
    /**
     * GDPR risk threshold (a legal decision recorded here).
     */
    risk?: 'unlikely' | 'risk' | 'high-risk';
    risk_rationale?: string;
  };
  residents_by_jurisdiction?: {
    [k: string]: number | undefined;
  };
  phi?: {
    involved?: boolean;
    individuals?: number;
    unsecured?: boolean;
  };
  cardholder_data?: {
    involved?: boolean;
    brands?: ('visa' | 'mastercard' | 'amex' | 'discover' | 'jcb' | 'other')[];
  };
  dora?: {
    criteria?: {
      clients?: 'met' | 'not-met' | 'unknown';
      counterparts?: 'met' | 'not-met' | 'unknown';
      transactions?: 'met' | 'not-met' | 'unknown';
      reputational?: 'met' | 'not-met' | 'unknown';
      duration_downtime?: 'met' | 'not-met' | 'unknown';
      geographical?: 'met' | 'not-met' | 'unknown';
      data_losses?: 'met' | 'not-met' | 'unknown';
      economic?: 'met' | 'not-met' | 'unknown';
    };
    /**
     * DORA major ICT-related incident (a recorded decision).
     */
    major?: boolean;
  };
  ransom?: {
    demanded?: boolean;
    paid?: boolean;
    amount?: number;
    currency?: Currency;
    paid_at?: Timestamp;
    sanctions_screened?: boolean;
    insurer_consent?: boolean;
  };
  /**
   * Regime applicability decisions (append-only).
   */
  regimes?: {
    /**
     * Regime id from schemas/regimes.yaml.
     */
    id: string;
    /**
     * A legal decision recorded, never made by the tool.
     */
    applicable: 'yes' | 'no' | 'undetermined';
    rationale: string;
    decided_by: string;
    decided_at: Timestamp;
    /**
     * Who will decide an undetermined regime.
     */
    owner?: string;
    material?: Tristate;
    /**
     * RFC 3339 date-time with an offset.
     */
    clock_start_override_at?: string;
    /**
     * Why this entry is recorded after later ones were merged (allows a new entry dated before the latest merged one).
     */
    late_record?: string;
  }[];
  /**
   * Parties identified as needing notification.
   */
  stakeholders?: {
    party:
      | 'it'
      | 'legal'
      | 'pr'
      | 'executive'
      | 'dpo'
      | 'org-wide'
      | 'board'
      | 'customers'
      | 'partners'
      | 'regulator'
      | 'law-enforcement'
      | 'insurer'
      | 'public'
      | 'data-subjects';
    kind?: 'internal' | 'external';
    rationale?: string;
  }[];
  /**
   * Notices sent (append-only once sent). Due dates are computed, never typed.
   */
  notifications?: {
    regime_id?: string;
    stakeholder?:
      | 'it'
      | 'legal'
      | 'pr'
      | 'executive'
      | 'dpo'
      | 'org-wide'
      | 'board'
      | 'customers'
      | 'partners'
      | 'regulator'
      | 'law-enforcement'
      | 'insurer'
      | 'public'
      | 'data-subjects';
    stage:
      | 'early-warning'
      | 'initial'
      | 'notification'
      | 'intermediate'
      | 'intermediate-update'
      | 'final'
      | 'progress'
      | 'individuals'
      | 'media'
      | 'regulator'
      | 'attorney-general'
      | 'amendment'
      | 'ransom-payment'
      | 'ransom-explanation'
      | 'insurer-fnol'
      | 'proof-of-loss'
      | 'card-brand'
      | 'law-enforcement'
      | 'assessment'
      | 'internal';
    recipient: string;
    sent_at?: Timestamp;
    /**
     * RFC 3339 date-time with an offset.
     */
    requested_due_at?: string;
    channel?: string;
    reference?: string;
    sent_by?: string;
    evidence?: string;
    late_reason?: string;
    not_required_reason?: string;
    /**
     * Why this entry is recorded after later ones were merged (allows a new entry dated before the latest merged one).
     */
    late_record?: string;
  }[];
  insurance?: {
    policy_id?: string;
    carrier?: string;
    fnol_at?: Timestamp;
    claim_number?: string;
    panel_vendors?: string[];
    consents?: {
      for: string;
      at: Timestamp;
    }[];
    proof_of_loss_submitted_at?: Timestamp;
  };
  law_enforcement?: {
    notified?: boolean;
    agency?: string;
    reference?: string;
    delay_requested?: boolean;
    delay_until?: Timestamp;
  };
  /**
   * Append-only log of actions and observations, sorted by time.
   */
  timeline?: {
    at: Timestamp;
    by: string;
    kind: 'observation' | 'action' | 'decision' | 'communication' | 'evidence';
    entry: string;
    /**
     * Stricter label for this entry only.
     */
    tlp?: 'TLP:CLEAR' | 'TLP:GREEN' | 'TLP:AMBER' | 'TLP:AMBER+STRICT' | 'TLP:RED';
    /**
     * Why this entry is recorded after later ones were merged.
     */
    late_record?: string;
  }[];
  indicators?: {
    type:
      | 'ipv4'
      | 'ipv6'
      | 'domain'
      | 'url'
      | 'email'
      | 'sha256'
      | 'sha1'
      | 'md5'
      | 'file-name'
      | 'user-agent'
      | 'asn'
      | 'other';
    value: string;
    tlp?: 'TLP:CLEAR' | 'TLP:GREEN' | 'TLP:AMBER' | 'TLP:AMBER+STRICT' | 'TLP:RED';
    description?: string;
  }[];
  evidence?: {
    id: string;
    description: string;
    location: string;
    sha256?: string;
    collected_by?: string;
    collected_at?: Timestamp;
    custody?: {
      from: string;
      to: string;
      at: Timestamp;
      note?: string;
    }[];
  }[];
  actions?: {
    phase: 'containment' | 'eradication' | 'recovery';
    action: string;
    at: Timestamp;
    by: string;
  }[];
  root_cause?: {
    category?:
      'malicious-actions' | 'system-failures' | 'human-errors' | 'third-party-failures' | 'natural-phenomena';
    summary?: string;
  };
  bcp_activated?: boolean;
  recurring?: boolean;
  recurring_with?: IncidentId[];
  costs?: {
    currency: Currency;
    direct?: number;
    indirect?: number;
    recoveries?: number;
    by_category?: {
      [k: string]: number | undefined;
    };
    estimated?: boolean;
  };
  final_report?: {
    audiences?: ('executive' | 'regulator' | 'insurer' | 'internal' | 'public')[];
    approved_by?: string[];
    approved_at?: Timestamp;
    version?: string;
  };
  lessons_learned?: {
    meeting_at?: Timestamp;
    participants?: string[];
    went_well?: string[];
    went_wrong?: string[];
    got_lucky?: string[];
    /**
     * Answers to the NIST SP 800-61 lessons-learned questions q1..q9.
     */
    nist_questions?: {
      [k: string]: string | undefined;
    };
  };
  action_items?: {
    id: string;
    description: string;
    type: 'prevent' | 'detect' | 'mitigate' | 'process' | 'other';
    owner: string;
    due: string;
    status: 'open' | 'in-progress' | 'done' | 'wont-do';
    tracker_url?: string;
  }[];
  /**
   * Public sources about the incident (news articles, advisories, filings). Imported from VERIS `reference`; exported as STIX external_references.
   */
  references?: string[];
  /**
   * Where an imported incident came from.
   */
  provenance?: {
    source: 'veris' | 'vcdb' | 'thehive' | 'manual-migration';
    original_id: string;
    imported_at: Timestamp;
    imported_by?: string;
    url?: string;
  };
  /**
   * VERIS fields kept as-is (import provenance or analytics).
   */
  veris?: {};
  /**
   * TheHive fields with no equivalent, kept as-is.
   */
  thehive?: {};
  records?: {
    retain_until?: string;
  };
  /**
   * Organisation extension field; kept as is by every tool.
   *
   * This interface was referenced by `Incident`'s JSON-Schema definition
   * via the `patternProperty` "^x-[a-z0-9-]+$".
   */
  [k: string]:
    | {
        [k: string]: unknown | undefined;
      }
    | '1.0'
    | string
    | 'detection'
    | 'preliminary-analysis'
    | 'logging'
    | 'notification'
    | 'investigation'
    | 'final-report'
    | 'feedback'
    | 'closed'
    | {
        phase:
          | 'detection'
          | 'preliminary-analysis'
          | 'logging'
          | 'notification'
          | 'investigation'
          | 'final-report'
          | 'feedback'
          | 'closed';
        entered_at: Timestamp;
        /**
         * Who moved the incident into this phase.
         */
        by: string;
        /**
         * Required when the entry reopens the incident (moves back).
         */
        reason?: string;
      }[]
    | 'TLP:CLEAR'
    | 'TLP:GREEN'
    | 'TLP:AMBER'
    | 'TLP:AMBER+STRICT'
    | 'TLP:RED'
    | 'PAP:CLEAR'
    | 'PAP:GREEN'
    | 'PAP:AMBER'
    | 'PAP:RED'
    | 'suspected'
    | 'successful-attempt'
    | 'failed-attempt'
    | 'blocked'
    | 'low-value'
    | 'false-positive'
    | IncidentId[]
    | {
        name: string;
        contact?: string;
        kind: 'internal' | 'external' | 'partner' | 'automated';
      }
    | {
        name: string;
        role: 'ic' | 'scribe' | 'comms' | 'legal' | 'dpo' | 'forensics' | 'sme';
      }[]
    | {
        /**
         * Data protection officer contact.
         */
        dpo?: string;
        legal?: string;
        comms?: string;
      }
    | 'automated-tool'
    | 'human-review'
    | 'message-from-attacker'
    | 'user-reporting'
    | 'third-party-notification'
    | 'law-enforcement'
    | 'system-outage'
    | {
        /**
         * RFC 3339 date-time with an offset.
         */
        occurred_at?: string;
        /**
         * RFC 3339 date-time with an offset.
         */
        detected_at?: string;
        /**
         * RFC 3339 date-time with an offset.
         */
        reported_at?: string;
        /**
         * RFC 3339 date-time with an offset.
         */
        acknowledged_at?: string;
        /**
         * RFC 3339 date-time with an offset.
         */
        declared_at?: string;
        /**
         * RFC 3339 date-time with an offset.
         */
        aware_at?: string;
        /**
         * RFC 3339 date-time with an offset.
         */
        suspected_at?: string;
        /**
         * RFC 3339 date-time with an offset.
         */
        classified_major_at?: string;
        /**
         * RFC 3339 date-time with an offset.
         */
        materiality_determined_at?: string;
        /**
         * RFC 3339 date-time with an offset.
         */
        info_determined_at?: string;
        /**
         * RFC 3339 date-time with an offset.
         */
        determined_at?: string;
        /**
         * RFC 3339 date-time with an offset.
         */
        discovered_at?: string;
        /**
         * RFC 3339 date-time with an offset.
         */
        rrosh_determined_at?: string;
        /**
         * RFC 3339 date-time with an offset.
         */
        eligible_breach_believed_at?: string;
        /**
         * RFC 3339 date-time with an offset.
         */
        reasonable_belief_at?: string;
        contained_at?: Timestamp;
        eradicated_at?: Timestamp;
        recovered_at?: Timestamp;
        resolved_at?: Timestamp;
        lessons_learned_at?: Timestamp;
        closed_at?: Timestamp;
      }
    | 'exact'
    | 'estimated'
    | 'unknown'
    | {
        [k: string]: string | undefined;
      }
    | 'emergency'
    | 'severe'
    | 'high'
    | 'medium'
    | 'low'
    | 'baseline-minor'
    | 'baseline-negligible'
    | {
        /**
         * RSIT class.
         */
        class:
          | 'abusive-content'
          | 'malicious-code'
          | 'information-gathering'
          | 'intrusion-attempts'
          | 'intrusions'
          | 'availability'
          | 'information-content-security'
          | 'fraud'
          | 'vulnerable'
          | 'other'
          | 'test';
        /**
         * RSIT type, constrained by class.
         */
        type?: string;
      }
    | {
        /**
         * CISA functional impact.
         */
        functional?:
          | 'no-impact'
          | 'no-impact-to-services'
          | 'minimal-impact-to-non-critical-services'
          | 'minimal-impact-to-critical-services'
          | 'significant-impact-to-non-critical-services'
          | 'denial-of-non-critical-services'
          | 'significant-impact-to-critical-services'
          | 'denial-of-critical-services-loss-of-control';
        /**
         * CISA information impact.
         *
         * @minItems 1
         */
        information?: [
          (
            | 'no-impact'
            | 'suspected-but-not-identified'
            | 'privacy-data-breach'
            | 'proprietary-information-breach'
            | 'destruction-of-non-critical-systems'
            | 'critical-systems-data-breach'
            | 'core-credential-compromise'
            | 'destruction-of-critical-system'
          ),
          ...(
            | 'no-impact'
            | 'suspected-but-not-identified'
            | 'privacy-data-breach'
            | 'proprietary-information-breach'
            | 'destruction-of-non-critical-systems'
            | 'critical-systems-data-breach'
            | 'core-credential-compromise'
            | 'destruction-of-critical-system'
          )[]
        ];
        /**
         * CISA recoverability.
         */
        recoverability?: 'regular' | 'supplemented' | 'extended' | 'not-recoverable' | 'not-applicable';
      }
    | 'attrition'
    | 'web'
    | 'email-phishing'
    | 'external-removable-media'
    | 'impersonation-spoofing'
    | 'improper-usage'
    | 'loss-or-theft-of-equipment'
    | 'other'
    | 'prepare'
    | 'engage'
    | 'presence'
    | 'effect'
    | 'level-0-unsuccessful'
    | 'level-1-business-dmz'
    | 'level-2-business-network'
    | 'level-3-business-network-management'
    | 'level-4-critical-system-dmz'
    | 'level-5-critical-system-management'
    | 'level-6-critical-systems'
    | 'level-7-safety-systems'
    | (
        | 'compromised-system'
        | 'denial-of-service'
        | 'destruction'
        | 'equipment-loss'
        | 'equipment-theft'
        | 'major'
        | 'supply-chain-customer'
        | 'supply-chain-vendor'
        | 'unauthorized-access'
        | 'unauthorized-equipment'
        | 'unauthorized-release'
        | 'unauthorized-use'
      )[]
    | string[]
    | Tristate
    | {
        systems?: string[];
        services?: string[];
        /**
         * ISO 3166-1 alpha-2 or 3166-2 codes.
         */
        jurisdictions?: string[];
        member_states_impacted?: string[];
        cross_border?: Tristate;
        /**
         * DORA precondition.
         */
        critical_services_affected?: boolean;
      }
    | {
        involved?: Tristate;
        role?: 'controller' | 'processor' | 'joint-controller';
        categories?: (
          | 'contact'
          | 'identifiers'
          | 'financial'
          | 'credentials'
          | 'health'
          | 'special-category'
          | 'children'
          | 'government-id'
          | 'location'
          | 'employment'
          | 'other'
        )[];
        subjects_estimate?: number;
        records_estimate?: number;
        subjects_final?: number;
        records_final?: number;
        encrypted?: boolean;
        key_compromised?: boolean;
        /**
         * GDPR risk threshold (a legal decision recorded here).
         */
        risk?: 'unlikely' | 'risk' | 'high-risk';
        risk_rationale?: string;
      }
    | {
        [k: string]: number | undefined;
      }
    | {
        involved?: boolean;
        individuals?: number;
        unsecured?: boolean;
      }
    | {
        involved?: boolean;
        brands?: ('visa' | 'mastercard' | 'amex' | 'discover' | 'jcb' | 'other')[];
      }
    | {
        criteria?: {
          clients?: 'met' | 'not-met' | 'unknown';
          counterparts?: 'met' | 'not-met' | 'unknown';
          transactions?: 'met' | 'not-met' | 'unknown';
          reputational?: 'met' | 'not-met' | 'unknown';
          duration_downtime?: 'met' | 'not-met' | 'unknown';
          geographical?: 'met' | 'not-met' | 'unknown';
          data_losses?: 'met' | 'not-met' | 'unknown';
          economic?: 'met' | 'not-met' | 'unknown';
        };
        /**
         * DORA major ICT-related incident (a recorded decision).
         */
        major?: boolean;
      }
    | {
        demanded?: boolean;
        paid?: boolean;
        amount?: number;
        currency?: Currency;
        paid_at?: Timestamp;
        sanctions_screened?: boolean;
        insurer_consent?: boolean;
      }
    | {
        /**
         * Regime id from schemas/regimes.yaml.
         */
        id: string;
        /**
         * A legal decision recorded, never made by the tool.
         */
        applicable: 'yes' | 'no' | 'undetermined';
        rationale: string;
        decided_by: string;
        decided_at: Timestamp;
        /**
         * Who will decide an undetermined regime.
         */
        owner?: string;
        material?: Tristate;
        /**
         * RFC 3339 date-time with an offset.
         */
        clock_start_override_at?: string;
        /**
         * Why this entry is recorded after later ones were merged (allows a new entry dated before the latest merged one).
         */
        late_record?: string;
      }[]
    | {
        party:
          | 'it'
          | 'legal'
          | 'pr'
          | 'executive'
          | 'dpo'
          | 'org-wide'
          | 'board'
          | 'customers'
          | 'partners'
          | 'regulator'
          | 'law-enforcement'
          | 'insurer'
          | 'public'
          | 'data-subjects';
        kind?: 'internal' | 'external';
        rationale?: string;
      }[]
    | {
        regime_id?: string;
        stakeholder?:
          | 'it'
          | 'legal'
          | 'pr'
          | 'executive'
          | 'dpo'
          | 'org-wide'
          | 'board'
          | 'customers'
          | 'partners'
          | 'regulator'
          | 'law-enforcement'
          | 'insurer'
          | 'public'
          | 'data-subjects';
        stage:
          | 'early-warning'
          | 'initial'
          | 'notification'
          | 'intermediate'
          | 'intermediate-update'
          | 'final'
          | 'progress'
          | 'individuals'
          | 'media'
          | 'regulator'
          | 'attorney-general'
          | 'amendment'
          | 'ransom-payment'
          | 'ransom-explanation'
          | 'insurer-fnol'
          | 'proof-of-loss'
          | 'card-brand'
          | 'law-enforcement'
          | 'assessment'
          | 'internal';
        recipient: string;
        sent_at?: Timestamp;
        /**
         * RFC 3339 date-time with an offset.
         */
        requested_due_at?: string;
        channel?: string;
        reference?: string;
        sent_by?: string;
        evidence?: string;
        late_reason?: string;
        not_required_reason?: string;
        /**
         * Why this entry is recorded after later ones were merged (allows a new entry dated before the latest merged one).
         */
        late_record?: string;
      }[]
    | {
        policy_id?: string;
        carrier?: string;
        fnol_at?: Timestamp;
        claim_number?: string;
        panel_vendors?: string[];
        consents?: {
          for: string;
          at: Timestamp;
        }[];
        proof_of_loss_submitted_at?: Timestamp;
      }
    | {
        notified?: boolean;
        agency?: string;
        reference?: string;
        delay_requested?: boolean;
        delay_until?: Timestamp;
      }
    | {
        at: Timestamp;
        by: string;
        kind: 'observation' | 'action' | 'decision' | 'communication' | 'evidence';
        entry: string;
        /**
         * Stricter label for this entry only.
         */
        tlp?: 'TLP:CLEAR' | 'TLP:GREEN' | 'TLP:AMBER' | 'TLP:AMBER+STRICT' | 'TLP:RED';
        /**
         * Why this entry is recorded after later ones were merged.
         */
        late_record?: string;
      }[]
    | {
        type:
          | 'ipv4'
          | 'ipv6'
          | 'domain'
          | 'url'
          | 'email'
          | 'sha256'
          | 'sha1'
          | 'md5'
          | 'file-name'
          | 'user-agent'
          | 'asn'
          | 'other';
        value: string;
        tlp?: 'TLP:CLEAR' | 'TLP:GREEN' | 'TLP:AMBER' | 'TLP:AMBER+STRICT' | 'TLP:RED';
        description?: string;
      }[]
    | {
        id: string;
        description: string;
        location: string;
        sha256?: string;
        collected_by?: string;
        collected_at?: Timestamp;
        custody?: {
          from: string;
          to: string;
          at: Timestamp;
          note?: string;
        }[];
      }[]
    | {
        phase: 'containment' | 'eradication' | 'recovery';
        action: string;
        at: Timestamp;
        by: string;
      }[]
    | {
        category?:
          | 'malicious-actions'
          | 'system-failures'
          | 'human-errors'
          | 'third-party-failures'
          | 'natural-phenomena';
        summary?: string;
      }
    | boolean
    | {
        currency: Currency;
        direct?: number;
        indirect?: number;
        recoveries?: number;
        by_category?: {
          [k: string]: number | undefined;
        };
        estimated?: boolean;
      }
    | {
        audiences?: ('executive' | 'regulator' | 'insurer' | 'internal' | 'public')[];
        approved_by?: string[];
        approved_at?: Timestamp;
        version?: string;
      }
    | {
        meeting_at?: Timestamp;
        participants?: string[];
        went_well?: string[];
        went_wrong?: string[];
        got_lucky?: string[];
        /**
         * Answers to the NIST SP 800-61 lessons-learned questions q1..q9.
         */
        nist_questions?: {
          [k: string]: string | undefined;
        };
      }
    | {
        id: string;
        description: string;
        type: 'prevent' | 'detect' | 'mitigate' | 'process' | 'other';
        owner: string;
        due: string;
        status: 'open' | 'in-progress' | 'done' | 'wont-do';
        tracker_url?: string;
      }[]
    | {
        source: 'veris' | 'vcdb' | 'thehive' | 'manual-migration';
        original_id: string;
        imported_at: Timestamp;
        imported_by?: string;
        url?: string;
      }
    | {}
    | {
        retain_until?: string;
      }
    | undefined;
}
