package dev.parley.pipeline.service;

import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Bulk synthetic claims for timing the phases, written by {@code INSERT ... SELECT generate_series} in the database:
 * every value derives from the row number through {@code hashint4}, so one size gives one data set. About 0.5% of the
 * claims repeat the previous claim's key (duplicates), 0.2% bill 20 times the code's price (outliers), 0.5% miss their
 * diagnosis and 0.1% have zero units (both fail the gate), 1% bill 12 units; 5% of the members' coverage ended in
 * mid-2024.
 */
final class SyntheticLoad {

    static final String[] SPECIALTIES = {"Internal Medicine", "Family Medicine", "Cardiology", "Pediatrics",
            "Physical Therapy", "Psychiatry", "Gastroenterology", "Dermatology"};

    private SyntheticLoad() {}

    static void load(Fixture f, int providers, int members, int medicalClaims, int pharmacyClaims) {
        int pharmacies = Math.max(1, providers * 15 / 100);
        List<Tuple> rows = new ArrayList<>();
        for (int i = 0; i < providers; i++) {
            String specialty = i < pharmacies ? "Pharmacy" : SPECIALTIES[i % SPECIALTIES.length];
            rows.add(Tuple.of(f.wsKey, TestNpi.valid(700_000_000L + i), "Provider " + i, specialty, "CA", Fixture.UPLOAD));
        }
        f.pool.preparedQuery("INSERT INTO provider (ws_key, npi, name, specialty, state, upload_id) VALUES ($1, $2, $3, $4, $5, $6)")
                .executeBatch(rows).await().atMost(Fixture.WAIT);
        f.pool.preparedQuery("""
                INSERT INTO member (ws_key, member_id, first_name_enc, last_name_enc, date_of_birth_enc, coverage_end, upload_id)
                SELECT $1, 'MBR' || lpad(g::text, 8, '0'), 'enc', 'enc', 'enc',
                       CASE WHEN g % 20 = 0 THEN DATE '2024-06-30' END, $3
                  FROM generate_series(1, $2::int4) g""")
                .execute(Tuple.of(f.wsKey, members, Fixture.UPLOAD)).await().atMost(Fixture.WAIT);
        f.pool.preparedQuery("""
                WITH npis AS (SELECT array_agg(npi::text ORDER BY npi) AS a FROM provider
                               WHERE ws_key = $1 AND specialty <> 'Pharmacy'),
                     codes AS (SELECT ARRAY['99213','99214','99215','99203','99204','99205','99212','99211','99202',
                                            '90837','90834','90832','97110','97140','97530','96372','36415','80053',
                                            '80048','93000','93010','45380','45378','71046','85025','81001','20610',
                                            '11721','17110','0001U'] AS a,
                                      ARRAY[90,130,180,110,160,210,60,30,75,150,110,80,40,35,45,25,10,20,15,30,12,
                                            900,700,45,12,8,120,50,90,160] AS price)
                INSERT INTO medical_claim (ws_key, claim_id, member_id, provider_npi, service_date, cpt_code, units,
                                           amount_billed, diagnosis_code, place_of_service, upload_id)
                SELECT $1, 'MC' || lpad(g::text, 9, '0'),
                       'MBR' || lpad((1 + abs(hashint4(k)) % $3::int4)::text, 8, '0'),
                       npis.a[1 + abs(hashint4(k * 7 + 1)) % array_length(npis.a, 1)],
                       DATE '2023-01-01' + abs(hashint4(k * 11 + 2)) % 600,
                       codes.a[1 + abs(hashint4(k * 13 + 3)) % 30],
                       CASE WHEN g % 1000 = 7 THEN 0 WHEN g % 100 = 3 THEN 12 ELSE 1 + abs(hashint4(g * 17)) % 2 END,
                       round(codes.price[1 + abs(hashint4(k * 13 + 3)) % 30]
                             * (0.8 + (abs(hashint4(g * 19)) % 400) / 1000.0) * CASE WHEN g % 500 = 11 THEN 20 ELSE 1 END, 2),
                       CASE WHEN g % 200 = 5 THEN NULL ELSE 'J06.9' END, '11', $4
                  FROM generate_series(1, $2::int4) g
                 CROSS JOIN LATERAL (SELECT CASE WHEN g % 200 = 0 THEN g - 1 ELSE g END AS k) key
                 CROSS JOIN npis CROSS JOIN codes""")
                .execute(Tuple.of(f.wsKey, medicalClaims, members, Fixture.UPLOAD)).await().atMost(Fixture.WAIT);
        f.pool.preparedQuery("""
                WITH pharmacies AS (SELECT array_agg(npi::text ORDER BY npi) AS a FROM provider
                                     WHERE ws_key = $1 AND specialty = 'Pharmacy'),
                     prescribers AS (SELECT array_agg(npi::text ORDER BY npi) AS a FROM provider
                                      WHERE ws_key = $1 AND specialty <> 'Pharmacy')
                INSERT INTO pharmacy_claim (ws_key, claim_id, member_id, pharmacy_npi, prescriber_npi, fill_date, ndc_code,
                                            quantity, days_supply, amount_billed, upload_id)
                SELECT $1, 'RX' || lpad(g::text, 9, '0'),
                       'MBR' || lpad((1 + abs(hashint4(k + 5)) % $3::int4)::text, 8, '0'),
                       pharmacies.a[1 + abs(hashint4(k * 7 + 5)) % array_length(pharmacies.a, 1)],
                       prescribers.a[1 + abs(hashint4(k * 3 + 5)) % array_length(prescribers.a, 1)],
                       DATE '2023-01-01' + abs(hashint4(k * 11 + 5)) % 600,
                       lpad((1000000 + abs(hashint4(k * 13 + 5)) % 50)::text, 11, '0'),
                       30, CASE WHEN g % 3 = 0 THEN 90 ELSE 30 END,
                       round((20 + abs(hashint4(k * 13 + 5)) % 50 * 7) * (0.8 + (abs(hashint4(g * 19 + 5)) % 400) / 1000.0)
                             * CASE WHEN g % 500 = 13 THEN 20 ELSE 1 END, 2),
                       $4
                  FROM generate_series(1, $2::int4) g
                 CROSS JOIN LATERAL (SELECT CASE WHEN g % 200 = 0 THEN g - 1 ELSE g END AS k) key
                 CROSS JOIN pharmacies CROSS JOIN prescribers""")
                .execute(Tuple.of(f.wsKey, pharmacyClaims, members, Fixture.UPLOAD)).await().atMost(Fixture.WAIT);
    }
}
