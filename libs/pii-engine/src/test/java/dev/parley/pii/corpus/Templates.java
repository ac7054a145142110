package dev.parley.pii.corpus;

import static dev.parley.pii.PiiType.ACCOUNT_NUMBER;
import static dev.parley.pii.PiiType.ADDRESS;
import static dev.parley.pii.PiiType.AGE;
import static dev.parley.pii.PiiType.BANK_ROUTING;
import static dev.parley.pii.PiiType.CREDIT_CARD;
import static dev.parley.pii.PiiType.DATE;
import static dev.parley.pii.PiiType.DEA;
import static dev.parley.pii.PiiType.EMAIL;
import static dev.parley.pii.PiiType.FAX;
import static dev.parley.pii.PiiType.HEALTH_PLAN_ID;
import static dev.parley.pii.PiiType.IBAN;
import static dev.parley.pii.PiiType.IP_ADDRESS;
import static dev.parley.pii.PiiType.LICENSE_NUMBER;
import static dev.parley.pii.PiiType.MEDICARE_MBI;
import static dev.parley.pii.PiiType.MRN;
import static dev.parley.pii.PiiType.NPI;
import static dev.parley.pii.PiiType.PERSON;
import static dev.parley.pii.PiiType.PHONE;
import static dev.parley.pii.PiiType.SSN;
import static dev.parley.pii.PiiType.URL;
import static dev.parley.pii.PiiType.VIN;
import static dev.parley.pii.PiiType.ZIP;

import dev.parley.pii.corpus.SyntheticValues.Person;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The document kinds, written as a header, a shuffled subset of optional parts, and a closing, so that no two documents
 * share a layout and a detector cannot learn positions. Look-alikes are mixed into every kind, not only into
 * {@link DocumentKind#LOOK_ALIKE_NEGATIVES}.
 *
 * <p>Labeling conventions (the gold the engine is measured against):
 * <ul>
 *   <li>A span covers the value only: never the label ("MRN:", "Fax"), a title ("Dr.") or a degree ("MD").</li>
 *   <li>ADDRESS is the whole one-line address (street, unit, city, state, ZIP) as one span; a ZIP outside an address
 *       is ZIP.</li>
 *   <li>AGE is the number of an age over 89 ("<u>92</u>-year-old"); younger ages are not labeled.</li>
 *   <li>DATE is a full calendar date; bare years ("in 2019") and times are not labeled.</li>
 *   <li>A number after a fax label is FAX, any other phone number is PHONE; an extension ("ext. 204") belongs to
 *       the number's span.</li>
 *   <li>Every email address and URL is labeled, personal or not; claim, order, ticket and tax ids are not (they are
 *       {@link dev.parley.pii.PiiType#NUMBER} material, reported only at STRICT).</li>
 * </ul>
 */
final class Templates {

    private final RandomDraws draw;
    private final SyntheticValues values;
    private final LookAlikes look;

    Templates(RandomDraws draw, SyntheticValues values, LookAlikes look) {
        this.draw = draw;
        this.values = values;
        this.look = look;
    }

    LabeledText write(DocumentKind kind) {
        LabeledTextBuilder doc = new LabeledTextBuilder();
        switch (kind) {
            case CLINICAL_NOTE -> clinicalNote(doc);
            case CLAIM_COMMENT -> claimComment(doc);
            case CHAT_MESSAGE -> chatMessage(doc);
            case EMAIL_WITH_SIGNATURE -> emailWithSignature(doc);
            case PAYMENT_NOTE -> paymentNote(doc);
            case SUPPORT_TICKET -> supportTicket(doc);
            case LOOK_ALIKE_NEGATIVES -> lookAlikeNegatives(doc);
        }
        return doc.build(kind);
    }

    // ---- clinical note

    private void clinicalNote(LabeledTextBuilder doc) {
        Person patient = values.person();
        Person doctor = values.person();
        switch (draw.between(0, 2)) {
            case 0 -> doc.text("Patient: ").value(PERSON, values.name(patient))
                    .text(", DOB ").value(DATE, values.date(values.birthDate()))
                    .text(", MRN ").value(MRN, values.mrn()).text("\n");
            case 1 -> doc.text("Pt ").value(PERSON, values.name(patient))
                    .text(" (DOB: ").value(DATE, values.date(values.birthDate()))
                    .text("; MRN# ").value(MRN, values.mrn()).text(")\n");
            default -> doc.text("Name: ").value(PERSON, values.name(patient))
                    .text("    Date of birth: ").value(DATE, values.date(values.birthDate()))
                    .text("    Medical record number: ").value(MRN, values.mrn()).text("\n");
        }
        doc.text(draw.oneOf("HPI: ", "S: ", "Subjective: ", "CC/HPI: "));
        if (draw.chance(0.3)) {
            doc.value(PERSON, patient.first()).text(" is ");
        } else {
            doc.text("Pt is ");
        }
        if (draw.chance(0.25)) {
            doc.text("a ");
            ageOver89(doc);
        } else {
            doc.text(look.youngerAge());
        }
        doc.text(" " + draw.oneOf("male", "female", "M", "F", "woman", "man") + " with " + values.condition()
                + " presenting with " + draw.oneOf("fatigue", "chest pain", "cough", "dizziness", "knee pain",
                        "shortness of breath", "poor glycemic control") + ".\n");

        List<Consumer<LabeledTextBuilder>> parts = new ArrayList<>(List.of(
                d -> d.text("Seen by Dr. ").value(PERSON, draw.chance(0.6) ? doctor.firstLast() : doctor.last())
                        .text(" at ").value(ADDRESS, values.fullAddress())
                        .text(" on ").value(DATE, values.date(values.recentDate())).text("."),
                d -> d.text("Vitals: ").text(look.vitals()).text("."),
                d -> d.text("Labs: ").text(look.labs()).text("; ").text(look.labs()).text("."),
                d -> d.text("Assessment: ").text(values.condition()).text(" (ICD-10 ").text(look.icd10())
                        .text("), ").text(look.icd10()).text(". CPT ").text(look.cpt()).text("."),
                d -> d.text("Rx: ").text(values.medicine()).text(" ").text(look.dosage())
                        .text(". Prescriber DEA ").value(DEA, values.dea(doctor))
                        .text(", NPI ").value(NPI, values.npi()).text("."),
                d -> d.text("Emergency contact: ").value(PERSON, values.name(values.person()))
                        .text(" (" + draw.oneOf("daughter", "son", "spouse", "neighbor", "niece") + ") ")
                        .value(PHONE, values.phone()).text("."),
                d -> d.text("Lives " + draw.oneOf("alone ", "with spouse ", "") + "at ")
                        .value(ADDRESS, draw.chance(0.5) ? values.fullAddress() : values.streetLine())
                        .text("; " + draw.oneOf("daughter ", "son ", "caregiver "))
                        .value(PERSON, values.name(values.person()))
                        .text(" visits weekly."),
                d -> d.text("Follow up in " + draw.between(2, 12) + " weeks; next appt ")
                        .value(DATE, values.date(values.recentDate())).text(" at ").text(look.time()).text("."),
                d -> d.text("Insurance: " + draw.oneOf("Medicare Part B", "Medicare Advantage", "BCBS PPO", "Aetna HMO",
                                "Medicaid") + ", member ID ").value(HEALTH_PLAN_ID, values.memberId())
                        .text("; MBI ").value(MEDICARE_MBI, values.mbi()).text("."),
                d -> d.text(draw.oneOf("SSN on file: ", "SS# ", "Social security number "))
                        .value(SSN, values.ssn()).text("."),
                d -> d.text("Admitted ").value(DATE, values.date(values.recentDate()))
                        .text(", discharged ").value(DATE, values.date(values.recentDate())).text(" to home."),
                d -> d.text("Weight " + draw.between(98, 310) + " lb, diabetic ").text(look.bareYear())
                        .text(", insulin ").text(look.quantity()).text(" nightly."),
                d -> d.text("Pt called from ").value(PHONE, values.phone()).text(" asking about ")
                        .text(look.orderNumber()).text("."),
                d -> d.text("Dispensed NDC ").text(look.ndc()).text(", ").text(look.quantity()).text(".")));
        appendSome(doc, parts, 4, 8, draw.oneOf(" ", "\n"));

        doc.text("\n" + draw.oneOf("Electronically signed by ", "Signed: ", "-- "))
                .value(PERSON, doctor.firstLast())
                .text(", " + draw.oneOf("MD", "DO", "NP", "PA-C") + " ")
                .value(DATE, values.date(values.recentDate())).text(" ").text(look.time());
    }

    // ---- claim comment

    private void claimComment(LabeledTextBuilder doc) {
        Person member = values.person();
        Person provider = values.person();
        doc.text(draw.oneOf("Claim ", "Clm # ", "Claim no. ")).text(look.claimNumber())
                .text(" | member ").value(PERSON, values.name(member))
                .text(" | " + draw.oneOf("ID ", "Member ID: ", "Subscriber ID ", "Policy # "))
                .value(HEALTH_PLAN_ID, values.memberId())
                .text(" | DOS ").value(DATE, values.date(values.recentDate())).text("\n");

        List<Consumer<LabeledTextBuilder>> parts = new ArrayList<>(List.of(
                d -> d.text("Billed ").text(look.amount()).text(", allowed ").text(look.amount())
                        .text(", member responsibility ").text(look.amount()).text("."),
                d -> d.text("Rendering provider ").value(PERSON, values.name(provider))
                        .text(", NPI ").value(NPI, values.npi())
                        .text("; billing NPI ").value(NPI, values.npi()).text("."),
                d -> d.text("CPT ").text(look.cpt()).text(" x" + draw.between(1, 4) + ", ICD-10 ").text(look.icd10())
                        .text(", POS " + draw.oneOf("11", "22", "23") + "."),
                d -> d.text("Denied CO-" + draw.oneOf("16", "97", "50", "45") + "; resubmitted ")
                        .value(DATE, values.date(values.recentDate()))
                        .text(" under ").text(look.orderNumber()).text("."),
                d -> d.text("Member called from ").value(PHONE, values.phone())
                        .text(" on ").value(DATE, values.date(values.recentDate()))
                        .text(" re: EOB; verified DOB ").value(DATE, values.date(values.birthDate())).text("."),
                d -> d.text("Address on file updated to ").value(ADDRESS, values.fullAddress()).text("."),
                d -> d.text("Medicare secondary, MBI ").value(MEDICARE_MBI, values.mbi()).text("."),
                d -> d.text("MVA on ").value(DATE, values.date(values.recentDate()))
                        .text(": insured vehicle VIN ").value(VIN, values.vin())
                        .text(", driver ").value(PERSON, values.name(values.person()))
                        .text(", " + draw.oneOf("DL# ", "driver's license ", "license no. "))
                        .value(LICENSE_NUMBER, values.licenseNumber()).text("."),
                d -> d.text("Subscriber SSN ").value(SSN, values.ssn()).text(" verified against enrollment."),
                d -> d.text("Provider group TIN ").text(look.taxId())
                        .text(", network tier " + draw.between(1, 3) + "."),
                d -> d.text("Mailing ZIP ").value(ZIP, values.zip()).text(" is outside the service area."),
                d -> d.text("Check #" + draw.digits(6) + " for ").text(look.amount())
                        .text(" issued ").value(DATE, values.date(values.recentDate())).text("."),
                d -> d.text("Member is ").value(AGE, values.ageOver89()).text(" years old; " + draw.oneOf(
                        "caregiver on the call.", "POA on file.", "hospice benefit reviewed."))));
        appendSome(doc, parts, 3, 6, draw.oneOf(" ", "\n"));
    }

    // ---- chat

    private void chatMessage(LabeledTextBuilder doc) {
        Person member = values.person();
        List<Consumer<LabeledTextBuilder>> parts = new ArrayList<>(List.of(
                d -> d.text(draw.oneOf("hi, my email is ", "my email is ", "email me at ", "pls send it to "))
                        .value(EMAIL, values.personalEmail(member)),
                d -> d.text(draw.oneOf("call me at ", "u can text me at ", "my cell is ", "best number is "))
                        .value(PHONE, values.phone()).text(draw.oneOf(" after 5", "", " thx")),
                d -> d.text(draw.oneOf("hey this is ", "hi its ", "This is ")).value(PERSON, chatName(member)),
                d -> d.text(draw.oneOf("my dob is ", "born ", "birthday "))
                        .value(DATE, values.date(values.birthDate())),
                d -> d.text(draw.oneOf("my member id is ", "insurance id ", "id# "))
                        .value(HEALTH_PLAN_ID, values.memberId()),
                d -> d.text(draw.oneOf("my ssn is ", "ssn ", "social is ")).value(SSN, values.ssn())
                        .text(draw.oneOf(" if u need it", "", " btw")),
                d -> d.text(draw.oneOf("i moved to ", "new address is ", "send the card to "))
                        .value(ADDRESS, values.fullAddress()),
                d -> d.text(draw.oneOf("my zip is ", "zip code ", "zip: ")).value(ZIP, values.zip()),
                d -> d.text("my " + draw.oneOf("dad", "mom", "grandma", "grandpa") + " is ")
                        .value(AGE, values.ageOver89()).text(" and needs a ride to the appt"),
                d -> d.text("i was charged twice, " + look.amount() + " each"),
                d -> d.text("it says " + look.orderNumber() + " is on hold"),
                d -> d.text("using the app " + look.version() + " on my phone"),
                d -> d.text("my a1c was " + look.hba1c() + " " + look.bareYear()),
                d -> d.text(draw.oneOf("thx 🙏", "ok 😅", "thanks!!", "lol", "👍"))));
        if (draw.chance(0.4)) {
            doc.text(draw.oneOf("Member: ", "[member] ", "> "));
        }
        appendSome(doc, parts, 2, 5, draw.oneOf(" ", ". ", ", ", "\n"));
    }

    private String chatName(Person person) {
        String name = draw.chance(0.5) ? person.firstLast() : person.first();
        return draw.chance(0.4) ? name.toLowerCase(Locale.ROOT) : name;
    }

    // ---- email with signature

    private void emailWithSignature(LabeledTextBuilder doc) {
        Person sender = values.person();
        Person recipient = values.person();
        String domain = values.orgDomain();
        doc.text("From: ").value(EMAIL, values.workEmail(sender, domain))
                .text("\nTo: ").value(EMAIL, draw.chance(0.5)
                        ? values.personalEmail(recipient)
                        : values.workEmail(recipient, values.orgDomain()))
                .text("\nSubject: " + draw.oneOf("Records request", "Re: statement", "Appointment", "Fwd: referral",
                        "Prior authorization"))
                .text("\n\n" + draw.oneOf("Hi ", "Dear ", "Hello "))
                .value(PERSON, draw.chance(0.7) ? recipient.first() : recipient.firstLast())
                .text(",\n\n");

        List<Consumer<LabeledTextBuilder>> body = new ArrayList<>(List.of(
                d -> d.text("Please fax the signed release to ").value(FAX, values.phone())
                        .text(" by ").value(DATE, values.date(values.recentDate())).text("."),
                d -> d.text("Attached is the statement for ").value(PERSON, values.name(values.person()))
                        .text(" (DOB ").value(DATE, values.date(values.birthDate())).text(")."),
                d -> d.text("The appointment on ").value(DATE, values.date(values.recentDate()))
                        .text(" at ").text(look.time()).text(" is confirmed."),
                d -> d.text("You can upload documents at ").value(URL, values.url(domain)).text("."),
                d -> d.text("Our new office is at ").value(ADDRESS, values.fullAddress()).text("."),
                d -> d.text("Re ").text(look.orderNumber()).text(": balance ").text(look.amount())
                        .text(", " + look.percentage() + " covered."),
                d -> d.text("Their profile is at ").value(URL, values.personalUrl(recipient)).text(" if helpful.")));
        appendSome(doc, body, 1, 3, draw.oneOf(" ", "\n\n"));

        doc.text("\n\n" + draw.oneOf("Best,", "Thanks,", "Regards,", "Sincerely,", "--") + "\n")
                .value(PERSON, draw.chance(0.8) ? sender.firstLast() : values.name(sender))
                .text("\n" + draw.oneOf("Office Manager", "Billing Specialist", "RN Care Coordinator", "Paralegal",
                        "Practice Administrator") + ", ").text(values.company()).text("\n");
        if (draw.chance(0.4)) {
            doc.text(draw.oneOf("T ", "P: ", "Tel ")).value(PHONE, values.phone())
                    .text(" | " + draw.oneOf("F ", "Fax: ", "F: ")).value(FAX, values.phone()).text("\n");
        } else {
            // an extension is part of the number: it is what reaches this one person
            String extension = draw.chance(0.2) ? " ext. " + draw.between(10, 999) : "";
            doc.text(draw.oneOf("Phone: ", "Direct: ", "Cell: ", "Office ")).value(PHONE, values.phone() + extension)
                    .text("\n");
            if (draw.chance(0.7)) {
                doc.text(draw.oneOf("Fax: ", "Fax ", "Facsimile: ")).value(FAX, values.phone()).text("\n");
            }
        }
        if (draw.chance(0.8)) {
            doc.value(ADDRESS, values.fullAddress()).text("\n");
        }
        if (draw.chance(0.7)) {
            doc.value(URL, values.url(domain)).text("\n");
        }
        if (draw.chance(0.3)) {
            doc.value(EMAIL, values.workEmail(sender, domain)).text("\n");
        }
        if (draw.chance(0.3)) {
            doc.text("\nCONFIDENTIALITY NOTICE: this message may contain PHI protected under 45 CFR 164.514 "
                    + look.bareYear() + " rules; if received in error, delete it.\n");
        }
    }

    // ---- payment note

    private void paymentNote(LabeledTextBuilder doc) {
        List<Consumer<LabeledTextBuilder>> parts = new ArrayList<>(List.of(
                d -> {
                    SyntheticValues.Card card = values.card();
                    d.text("Payment received ").value(DATE, values.date(values.recentDate())).text(": ")
                            .text(look.amount()).text(" on " + (draw.chance(0.7) ? card.network() : "card") + " ")
                            .value(CREDIT_CARD, card.number()).text(", auth code " + draw.digits(6) + ".");
                },
                d -> d.text("Card on file ending in " + look.lastFour() + ", exp on record."),
                d -> d.text("Refund ").text(look.amount()).text(" by wire to IBAN ").value(IBAN, values.iban())
                        .text(" (BIC " + draw.letters(4) + draw.oneOf("DE", "GB", "FR", "NL") + draw.letters(2) + ")."),
                d -> d.text("ACH setup: routing ").value(BANK_ROUTING, values.abaRouting())
                        .text(", account ").value(ACCOUNT_NUMBER, values.accountNumber()).text(", checking."),
                d -> d.text("Routing number: ").value(BANK_ROUTING, values.abaRouting())
                        .text("\nAccount number: ").value(ACCOUNT_NUMBER, values.accountNumber()),
                d -> d.text("ABA ").value(BANK_ROUTING, values.abaRouting())
                        .text(" / acct # ").value(ACCOUNT_NUMBER, values.accountNumber()),
                d -> d.text("Payer: ").value(PERSON, values.name(values.person()))
                        .text(", billing address ").value(ADDRESS, values.fullAddress()).text("."),
                d -> d.text("Statement ").text(look.orderNumber()).text(", balance ").text(look.amount())
                        .text(", " + look.percentage() + " prompt-pay discount applied."),
                d -> {
                    SyntheticValues.Card card = values.card();
                    d.text("Card: ").value(CREDIT_CARD, card.number())
                            .text(" (" + card.network() + draw.oneOf("", " HSA card", " debit") + ").");
                },
                d -> d.text("Patient account ").value(ACCOUNT_NUMBER, values.accountNumber())
                        .text(" placed on a " + draw.between(3, 12) + "-month plan, " + look.amount() + "/mo."),
                d -> d.text("Provider TIN ").text(look.taxId()).text(", " + look.claimNumber() + " applied.")));
        appendSome(doc, parts, 2, 5, draw.oneOf(" ", "\n"));
    }

    // ---- support ticket

    private void supportTicket(LabeledTextBuilder doc) {
        Person user = values.person();
        String domain = values.orgDomain();
        doc.text(draw.oneOf("Ticket #", "Case ", "INC")).text(draw.digits(6)).text(" - "
                + draw.oneOf("login failure", "MFA reset", "portal error", "locked account") + "\n");
        List<Consumer<LabeledTextBuilder>> parts = new ArrayList<>(List.of(
                d -> d.text("User ").value(EMAIL, values.personalEmail(user)).text(" reports failed login from ")
                        .value(IP_ADDRESS, values.ipAddress()).text(" at ").text(look.time()).text(" UTC."),
                d -> d.text("Password reset link sent to ").value(EMAIL, values.workEmail(user, domain)).text("."),
                d -> d.text("Portal: ").value(URL, values.url(domain)),
                d -> d.text("Session from ").value(IP_ADDRESS, values.ipAddress())
                        .text(" flagged; previous login ").value(IP_ADDRESS, values.ipAddress()).text("."),
                d -> d.text("Callback number ").value(PHONE, values.phone()).text("."),
                d -> d.text("Browser Chrome " + draw.between(110, 131) + ".0." + draw.between(1000, 6999) + "."
                        + draw.between(10, 199) + ", " + look.version() + "."),
                d -> d.text("Error 0x8007" + draw.digits(4) + ", HTTP " + draw.oneOf("401", "403", "500", "503") + "."),
                d -> d.text("Account holder: ").value(PERSON, values.name(user)).text("."),
                d -> d.text("Escalated to tier " + draw.between(2, 3) + "; same error reported " + look.bareYear()
                        + ", see " + look.orderNumber() + ".")));
        appendSome(doc, parts, 2, 5, draw.oneOf(" ", "\n"));
    }

    // ---- negatives only

    private void lookAlikeNegatives(LabeledTextBuilder doc) {
        List<Consumer<LabeledTextBuilder>> parts = new ArrayList<>(List.of(
                d -> d.text("Vitals: " + look.vitals() + "."),
                d -> d.text("Labs: " + look.labs() + "."),
                d -> d.text("Dx " + look.icd10() + ", " + look.icd10() + "; CPT " + look.cpt() + ", " + look.cpt()
                        + "."),
                d -> d.text("NDC " + look.ndc() + " dispensed, " + look.dosage() + "."),
                d -> d.text(look.orderNumber() + " shipped, " + look.quantity() + "."),
                d -> d.text("Running " + look.version() + " " + look.bareYear() + "."),
                d -> d.text("Copay " + look.amount() + ", deductible " + look.percentage() + " met."),
                d -> d.text("Patient is " + look.youngerAge() + " with stable readings, BP "
                        + look.bloodPressure() + "."),
                d -> d.text("Appointment at " + look.time() + " in " + look.roomOrPage() + "."),
                d -> d.text("Claim " + look.claimNumber() + " paid " + look.amount() + "."),
                d -> d.text("Group TIN " + look.taxId() + " on the remittance."),
                d -> d.text("Took " + look.quantity() + " " + look.bareYear() + ", then stopped.")));
        appendSome(doc, parts, 3, 7, draw.oneOf(" ", "\n"));
    }

    // ---- shared pieces

    private void ageOver89(LabeledTextBuilder doc) {
        switch (draw.between(0, 3)) {
            case 0 -> doc.value(AGE, values.ageOver89()).text("-year-old");
            case 1 -> doc.value(AGE, values.ageOver89()).text(" y/o");
            case 2 -> doc.value(AGE, values.ageOver89()).text(" yo");
            default -> doc.value(AGE, values.ageOver89()).text(" year old");
        }
    }

    /** Appends {@code min} to {@code max} of {@code parts}, in a random order, separated by {@code separator}. */
    private void appendSome(LabeledTextBuilder doc, List<Consumer<LabeledTextBuilder>> parts, int min, int max,
            String separator) {
        Collections.shuffle(parts, draw.random());
        int count = Math.min(parts.size(), draw.between(min, max));
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                doc.text(separator);
            }
            parts.get(i).accept(doc);
        }
    }
}
