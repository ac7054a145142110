package dev.parley.pii;

/** How much the engine reports: each level adds to the one before. */
public enum Sensitivity {
    /** Direct identifiers: SSN, cards, IBAN, email, phone, MRN and other ids. */
    MINIMAL,
    /** The default: plus names, addresses, dates, URLs, IPs, NPI/DEA, VIN. */
    MODERATE,
    /** Plus any remaining number of 5+ digits, locations, ages over 89; ZIP codes reduced to 3 digits. */
    STRICT
}
