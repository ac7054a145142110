package dev.parley.pii.corpus;

/**
 * The kinds of text the corpus imitates, each with its own mix of identifiers and look-alikes: the engine sees all of
 * them in production (clinical notes in summaries, claims in audit trails, chat in conversations).
 */
public enum DocumentKind {
    /** Visit notes: patient header, vitals and labs, codes, prescriber ids, addresses, dates. */
    CLINICAL_NOTE,
    /** Payer comments: member and claim ids, NPIs, amounts, dates of service, accident details (VIN, licence). */
    CLAIM_COMMENT,
    /** Informal member chat: lower case, typos, emoji, emails and phones without labels. */
    CHAT_MESSAGE,
    /** An email whose signature carries phone, fax, address, URL and email. */
    EMAIL_WITH_SIGNATURE,
    /** Billing notes: card numbers, IBANs, routing and account numbers with labels. */
    PAYMENT_NOTE,
    /** Portal support tickets: IP addresses, URLs, emails beside versions and ticket numbers. */
    SUPPORT_TICKET,
    /** Only look-alikes (lab values, blood pressures, codes, versions, amounts, bare years): no identifier at all. */
    LOOK_ALIKE_NEGATIVES
}
