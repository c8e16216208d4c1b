//! Localised validation messages: one sentence per error code in each portal language, saying
//! what to do, not only what is wrong.

use super::checks;
use super::repertoire::{self, Appearance};
use super::validate::ErrorCode;
use crate::Lang;

impl ErrorCode {
    /// The message for this error in `lang`; `limit` as in [`super::FieldError::limit`].
    pub fn message(self, lang: Lang, limit: Option<&str>) -> String {
        let l = limit.unwrap_or("");
        let date = || {
            checks::parse_date(l)
                .map(|d| checks::display_date(d, lang))
                .unwrap_or_else(|| l.to_owned())
        };
        // A money limit ("500.00 CHF") in the language's format; a number limit as it is.
        let l = &match l.split_once(' ') {
            Some((amount, currency @ ("CHF" | "EUR"))) => super::answers::parse_money(amount)
                .map(|c| crate::display::money(c, currency, lang))
                .unwrap_or_else(|| l.to_owned()),
            _ => l.to_owned(),
        };
        let l = l.as_str();
        let size = || {
            l.parse::<u64>()
                .map(|b| super::inputs::file_size(b, lang))
                .unwrap_or_else(|_| l.to_owned())
        };
        // Where the form or address is German, German examples and rules (else Swiss).
        let de = l.eq_ignore_ascii_case("de");
        let one = l == "1";
        // Digits of a postcode of the address's country, where the message can say them.
        let digits = match l {
            "CH" | "LI" | "AT" => Some(4),
            "DE" | "FR" | "IT" => Some(5),
            _ => None,
        };
        use ErrorCode as E;
        match lang {
            Lang::De => match self {
                E::Required => "Bitte machen Sie hier eine Angabe.".into(),
                E::ConsentRequired => "Bitte bestätigen Sie dies, indem Sie das Kästchen ankreuzen. Ohne Ihre Bestätigung kann der Antrag nicht eingereicht werden.".into(),
                E::TooLong => format!("Bitte kürzen Sie auf höchstens {l} Zeichen."),
                E::TooShort => format!("Bitte verwenden Sie mindestens {l} Zeichen."),
                E::WrongPassword => "Das Passwort stimmt nicht.".into(),
                E::WrongCode => "Der Code stimmt nicht. Geben Sie die sechs Ziffern ein, die Ihre App jetzt zeigt.".into(),
                E::InvalidCharacter => invalid_character(lang, l),
                E::NotANumber => "Bitte geben Sie eine Zahl ein, zum Beispiel 3 oder 2,5.".into(),
                E::NotInteger => "Bitte geben Sie eine ganze Zahl ein.".into(),
                E::TooSmall => format!("Bitte geben Sie mindestens {l} ein."),
                E::TooLarge => format!("Bitte geben Sie höchstens {l} ein."),
                E::NotMoney => "Bitte geben Sie einen Betrag ein, zum Beispiel 120 oder 120.50.".into(),
                E::InvalidDate => "Bitte geben Sie ein gültiges Datum ein, zum Beispiel 23.11.2026.".into(),
                E::DateIncomplete => "Das Datum muss einen Tag, einen Monat und ein Jahr enthalten.".into(),
                E::DateInPast => "Das Datum darf nicht in der Vergangenheit liegen.".into(),
                E::DateInFuture => "Das Datum darf nicht in der Zukunft liegen.".into(),
                E::DateTooEarly => format!("Das Datum muss am oder nach dem {} liegen.", date()),
                E::DateTooLate => format!("Das Datum muss am oder vor dem {} liegen.", date()),
                E::TooYoung => format!("Die Person muss mindestens {l} Jahre alt sein. Bitte prüfen Sie das Geburtsdatum."),
                E::TooOld => format!("Die Person muss jünger als {l} Jahre sein. Bitte prüfen Sie das Geburtsdatum."),
                E::Check => "Diese Angabe passt nicht zu Ihren anderen Angaben. Bitte prüfen Sie sie.".into(),
                E::InvalidEmail if de => "Bitte geben Sie eine E-Mail-Adresse im Format name@beispiel.de ein.".into(),
                E::InvalidEmail => "Bitte geben Sie eine E-Mail-Adresse im Format name@beispiel.ch ein.".into(),
                E::InvalidPhone if de => "Bitte geben Sie eine Telefonnummer ein, zum Beispiel 0361 123456 oder +49 361 123456.".into(),
                E::InvalidPhone => "Bitte geben Sie eine Telefonnummer ein, zum Beispiel 062 835 11 11 oder +41 62 835 11 11.".into(),
                E::InvalidChoice => "Bitte wählen Sie eine der angebotenen Möglichkeiten.".into(),
                E::TooFewChoices => format!("Bitte wählen Sie mindestens {l} aus."),
                E::TooManyChoices => format!("Bitte wählen Sie höchstens {l} aus."),
                E::InvalidPostcode => match digits {
                    Some(n) => format!("Bitte geben Sie die Postleitzahl mit {n} Ziffern ein."),
                    None if l.is_empty() => "Bitte prüfen Sie die Postleitzahl (Schweiz: 4 Ziffern, Deutschland: 5 Ziffern).".into(),
                    None => "Bitte prüfen Sie die Postleitzahl.".into(),
                },
                E::InvalidCountry => "Für diesen Antrag ist dieses Land nicht möglich.".into(),
                E::InvalidIban => "Diese IBAN ist nicht gültig. Bitte prüfen Sie sie Zeichen für Zeichen.".into(),
                E::InvalidUrl => "Bitte geben Sie eine Webadresse an, die mit https:// beginnt, zum Beispiel https://www.aarau.ch.".into(),
                E::InvalidAhv => "Bitte geben Sie die 13 Ziffern der AHV-Nummer ein; sie beginnt mit 756, zum Beispiel 756.1234.5678.97.".into(),
                E::AhvCheckDigit => "Diese AHV-Nummer stimmt nicht: Die letzte Ziffer (Prüfziffer) passt nicht zu den anderen. Wahrscheinlich ist eine Ziffer falsch oder zwei sind vertauscht. Bitte vergleichen Sie die Nummer mit Ihrer Krankenversicherungskarte.".into(),
                E::InvalidSteuerId => "Bitte geben Sie die 11 Ziffern der Steuer-Identifikationsnummer ein; sie beginnt nicht mit 0.".into(),
                E::SteuerIdCheckDigit => "Diese Steuer-Identifikationsnummer stimmt nicht: Wahrscheinlich ist eine Ziffer falsch oder zwei sind vertauscht. Bitte vergleichen Sie sie mit Ihrem Einkommensteuerbescheid oder Ihrer Lohnsteuerbescheinigung.".into(),
                E::InvalidAnimalChip => "Bitte geben Sie die 15 Ziffern der Chipnummer ein, zum Beispiel 276 098 100 123 456. Sie steht im Heimtierausweis.".into(),
                E::AnimalChipPrefix => "Diese Chipnummer beginnt weder mit einem Ländercode (zum Beispiel 756 für die Schweiz, 276 für Deutschland) noch mit einem Herstellercode (900 bis 998). Bitte vergleichen Sie sie mit dem Heimtierausweis.".into(),
                E::FileType => "Dieser Dateityp ist nicht möglich.".into(),
                E::FileTooLarge => format!("Die Datei ist zu gross; höchstens {} sind möglich.", size()),
                E::TooManyFiles if one => "Bitte laden Sie nur eine Datei hoch.".into(),
                E::TooManyFiles => format!("Bitte laden Sie höchstens {l} Dateien hoch."),
                E::UploadMissing => "Diese Datei ist bei uns nicht angekommen. Bitte wählen Sie sie noch einmal aus.".into(),
                E::TooFewItems => format!("Bitte erfassen Sie mindestens {l} Einträge."),
                E::TooManyItems => format!("Höchstens {l} Einträge sind möglich."),
                E::UnknownField => "Diese Angabe gehört nicht zu diesem Formular.".into(),
                E::WrongType => "Diese Angabe hat ein ungültiges Format.".into(),
            },
            Lang::Fr => match self {
                E::Required => "Veuillez remplir ce champ.".into(),
                E::ConsentRequired => "Veuillez le confirmer en cochant la case. Sans votre confirmation, la demande ne peut pas être envoyée.".into(),
                E::TooLong => format!("Veuillez raccourcir à {l} caractères au plus."),
                E::TooShort => format!("Veuillez utiliser au moins {l} caractères."),
                E::WrongPassword => "Le mot de passe est incorrect.".into(),
                E::WrongCode => "Le code est incorrect. Saisissez les six chiffres que votre application affiche maintenant.".into(),
                E::InvalidCharacter => invalid_character(lang, l),
                E::NotANumber => "Veuillez saisir un nombre, par exemple 3 ou 2,5.".into(),
                E::NotInteger => "Veuillez saisir un nombre entier.".into(),
                E::TooSmall => format!("Veuillez saisir au moins {l}."),
                E::TooLarge => format!("Veuillez saisir au plus {l}."),
                E::NotMoney => "Veuillez saisir un montant, par exemple 120 ou 120.50.".into(),
                E::InvalidDate => "Veuillez saisir une date valable, par exemple 23.11.2026.".into(),
                E::DateIncomplete => "La date doit comporter un jour, un mois et une année.".into(),
                E::DateInPast => "La date ne peut pas être dans le passé.".into(),
                E::DateInFuture => "La date ne peut pas être dans le futur.".into(),
                E::DateTooEarly => format!("La date doit être le {} ou plus tard.", date()),
                E::DateTooLate => format!("La date doit être le {} ou plus tôt.", date()),
                E::TooYoung => format!("La personne doit avoir au moins {l} ans. Veuillez vérifier la date de naissance."),
                E::TooOld => format!("La personne doit avoir moins de {l} ans. Veuillez vérifier la date de naissance."),
                E::Check => "Cette indication ne concorde pas avec vos autres indications. Veuillez la vérifier.".into(),
                E::InvalidEmail if de => "Veuillez saisir une adresse e-mail au format nom@exemple.de.".into(),
                E::InvalidEmail => "Veuillez saisir une adresse e-mail au format nom@exemple.ch.".into(),
                E::InvalidPhone if de => "Veuillez saisir un numéro de téléphone, par exemple 0361 123456 ou +49 361 123456.".into(),
                E::InvalidPhone => "Veuillez saisir un numéro de téléphone, par exemple 021 316 11 11 ou +41 21 316 11 11.".into(),
                E::InvalidChoice => "Veuillez choisir l’une des options proposées.".into(),
                E::TooFewChoices => format!("Veuillez en choisir au moins {l}."),
                E::TooManyChoices => format!("Veuillez en choisir au plus {l}."),
                E::InvalidPostcode => match digits {
                    Some(n) => format!("Veuillez saisir le numéro postal à {n} chiffres."),
                    None if l.is_empty() => "Veuillez vérifier le numéro postal (Suisse\u{a0}: 4 chiffres, Allemagne\u{a0}: 5 chiffres).".into(),
                    None => "Veuillez vérifier le numéro postal.".into(),
                },
                E::InvalidCountry => "Ce pays n’est pas possible pour cette demande.".into(),
                E::InvalidIban => "Cet IBAN n’est pas valable. Veuillez le vérifier caractère par caractère.".into(),
                E::InvalidUrl => "Veuillez indiquer une adresse web commençant par https://, par exemple https://www.aarau.ch.".into(),
                E::InvalidAhv => "Veuillez saisir les 13 chiffres du numéro AVS\u{a0}; il commence par 756, par exemple 756.1234.5678.97.".into(),
                E::AhvCheckDigit => "Ce numéro AVS n’est pas correct\u{a0}: le dernier chiffre (chiffre de contrôle) ne correspond pas aux autres. Un chiffre est probablement erroné ou deux sont intervertis. Veuillez comparer le numéro avec votre carte d’assurance-maladie.".into(),
                E::InvalidSteuerId => "Veuillez saisir les 11 chiffres du numéro d’identification fiscale allemand\u{a0}; il ne commence pas par 0.".into(),
                E::SteuerIdCheckDigit => "Ce numéro d’identification fiscale allemand n’est pas correct\u{a0}: un chiffre est probablement erroné ou deux sont intervertis. Veuillez le comparer avec votre avis d’imposition allemand.".into(),
                E::InvalidAnimalChip => "Veuillez saisir les 15 chiffres du numéro de puce, par exemple 276 098 100 123 456. Il figure dans le passeport pour animaux de compagnie.".into(),
                E::AnimalChipPrefix => "Ce numéro de puce ne commence ni par un code de pays (par exemple 756 pour la Suisse, 276 pour l’Allemagne) ni par un code de fabricant (900 à 998). Veuillez le comparer avec le passeport pour animaux de compagnie.".into(),
                E::FileType => "Ce type de fichier n’est pas accepté.".into(),
                E::FileTooLarge => format!("Le fichier est trop volumineux ; {} au plus.", size()),
                E::TooManyFiles if one => "Veuillez joindre un seul fichier.".into(),
                E::TooManyFiles => format!("Veuillez joindre au plus {l} fichiers."),
                E::UploadMissing => "Ce fichier ne nous est pas parvenu. Veuillez le sélectionner à nouveau.".into(),
                E::TooFewItems => format!("Veuillez saisir au moins {l} entrées."),
                E::TooManyItems => format!("{l} entrées au plus sont possibles."),
                E::UnknownField => "Cette indication ne fait pas partie de ce formulaire.".into(),
                E::WrongType => "Le format de cette indication n’est pas valable.".into(),
            },
            Lang::It => match self {
                E::Required => "Compili questo campo.".into(),
                E::ConsentRequired => "Lo confermi spuntando la casella. Senza la Sua conferma la domanda non può essere inviata.".into(),
                E::TooLong => format!("Accorci il testo a {l} caratteri al massimo."),
                E::TooShort => format!("Usi almeno {l} caratteri."),
                E::WrongPassword => "La password non è corretta.".into(),
                E::WrongCode => "Il codice non è corretto. Inserisca le sei cifre che la Sua app mostra ora.".into(),
                E::InvalidCharacter => invalid_character(lang, l),
                E::NotANumber => "Inserisca un numero, ad esempio 3 o 2,5.".into(),
                E::NotInteger => "Inserisca un numero intero.".into(),
                E::TooSmall => format!("Inserisca almeno {l}."),
                E::TooLarge => format!("Inserisca al massimo {l}."),
                E::NotMoney => "Inserisca un importo, ad esempio 120 o 120.50.".into(),
                E::InvalidDate => "Inserisca una data valida, ad esempio 23.11.2026.".into(),
                E::DateIncomplete => "La data deve contenere un giorno, un mese e un anno.".into(),
                E::DateInPast => "La data non può essere nel passato.".into(),
                E::DateInFuture => "La data non può essere nel futuro.".into(),
                E::DateTooEarly => format!("La data deve essere il {} o successiva.", date()),
                E::DateTooLate => format!("La data deve essere il {} o precedente.", date()),
                E::TooYoung => format!("La persona deve avere almeno {l} anni. Verifichi la data di nascita."),
                E::TooOld => format!("La persona deve avere meno di {l} anni. Verifichi la data di nascita."),
                E::Check => "Questa indicazione non concorda con le Sue altre indicazioni. La verifichi.".into(),
                E::InvalidEmail if de => "Inserisca un indirizzo e-mail nel formato nome@esempio.de.".into(),
                E::InvalidEmail => "Inserisca un indirizzo e-mail nel formato nome@esempio.ch.".into(),
                E::InvalidPhone if de => "Inserisca un numero di telefono, ad esempio 0361 123456 o +49 361 123456.".into(),
                E::InvalidPhone => "Inserisca un numero di telefono, ad esempio 091 814 11 11 o +41 91 814 11 11.".into(),
                E::InvalidChoice => "Scelga una delle opzioni proposte.".into(),
                E::TooFewChoices => format!("Ne scelga almeno {l}."),
                E::TooManyChoices => format!("Ne scelga al massimo {l}."),
                E::InvalidPostcode => match digits {
                    Some(n) => format!("Inserisca il numero postale di {n} cifre."),
                    None if l.is_empty() => "Verifichi il numero postale (Svizzera: 4 cifre, Germania: 5 cifre).".into(),
                    None => "Verifichi il numero postale.".into(),
                },
                E::InvalidCountry => "Questo Paese non è possibile per questa domanda.".into(),
                E::InvalidIban => "Questo IBAN non è valido. Lo verifichi carattere per carattere.".into(),
                E::InvalidUrl => "Indichi un indirizzo web che inizia con https://, ad esempio https://www.aarau.ch.".into(),
                E::InvalidAhv => "Inserisca le 13 cifre del numero AVS; inizia con 756, ad esempio 756.1234.5678.97.".into(),
                E::AhvCheckDigit => "Questo numero AVS non è corretto: l’ultima cifra (cifra di controllo) non corrisponde alle altre. Probabilmente una cifra è sbagliata o due sono invertite. Confronti il numero con la Sua tessera d’assicurazione malattia.".into(),
                E::InvalidSteuerId => "Inserisca le 11 cifre del numero d’identificazione fiscale tedesco; non inizia con 0.".into(),
                E::SteuerIdCheckDigit => "Questo numero d’identificazione fiscale tedesco non è corretto: probabilmente una cifra è sbagliata o due sono invertite. Lo confronti con la Sua notifica d’imposta tedesca.".into(),
                E::InvalidAnimalChip => "Inserisca le 15 cifre del numero del microchip, ad esempio 276 098 100 123 456. Figura nel passaporto per animali da compagnia.".into(),
                E::AnimalChipPrefix => "Questo numero di microchip non inizia né con un codice di Paese (ad esempio 756 per la Svizzera, 276 per la Germania) né con un codice di produttore (da 900 a 998). Lo confronti con il passaporto per animali da compagnia.".into(),
                E::FileType => "Questo tipo di file non è accettato.".into(),
                E::FileTooLarge => format!("Il file è troppo grande; al massimo {}.", size()),
                E::TooManyFiles if one => "Alleghi un solo file.".into(),
                E::TooManyFiles => format!("Alleghi al massimo {l} file."),
                E::UploadMissing => "Questo file non ci è pervenuto. Lo selezioni di nuovo.".into(),
                E::TooFewItems => format!("Inserisca almeno {l} voci."),
                E::TooManyItems => format!("Sono possibili al massimo {l} voci."),
                E::UnknownField => "Questa indicazione non fa parte del modulo.".into(),
                E::WrongType => "Il formato di questa indicazione non è valido.".into(),
            },
            Lang::En => match self {
                E::Required => "Please answer this question.".into(),
                E::ConsentRequired => "Please confirm this by ticking the box. The application cannot be sent without your confirmation.".into(),
                E::TooLong => format!("Please shorten this to {l} characters or fewer."),
                E::TooShort => format!("Please use at least {l} characters."),
                E::WrongPassword => "The password is wrong.".into(),
                E::WrongCode => "The code is wrong. Enter the six digits your app shows now.".into(),
                E::InvalidCharacter => invalid_character(lang, l),
                E::NotANumber => "Please enter a number, for example 3 or 2.5.".into(),
                E::NotInteger => "Please enter a whole number.".into(),
                E::TooSmall => format!("Please enter {l} or more."),
                E::TooLarge => format!("Please enter {l} or less."),
                E::NotMoney => "Please enter an amount, for example 120 or 120.50.".into(),
                E::InvalidDate => "Please enter a real date, for example 23.11.2026.".into(),
                E::DateIncomplete => "The date must include a day, a month and a year.".into(),
                E::DateInPast => "The date must not be in the past.".into(),
                E::DateInFuture => "The date must not be in the future.".into(),
                E::DateTooEarly => format!("The date must be on or after {}.", date()),
                E::DateTooLate => format!("The date must be on or before {}.", date()),
                E::TooYoung => format!("The person must be at least {l} years old. Please check the date of birth."),
                E::TooOld => format!("The person must be under {l} years old. Please check the date of birth."),
                E::Check => "This answer does not fit your other answers. Please check it.".into(),
                E::InvalidEmail if de => "Please enter an e-mail address in the format name@example.de.".into(),
                E::InvalidEmail => "Please enter an e-mail address in the format name@example.ch.".into(),
                E::InvalidPhone if de => "Please enter a phone number, for example 0361 123456 or +49 361 123456.".into(),
                E::InvalidPhone => "Please enter a phone number, for example 062 835 11 11 or +41 62 835 11 11.".into(),
                E::InvalidChoice => "Please choose one of the options offered.".into(),
                E::TooFewChoices => format!("Please choose at least {l}."),
                E::TooManyChoices => format!("Please choose at most {l}."),
                E::InvalidPostcode => match digits {
                    Some(n) => format!("Please enter the postcode with {n} digits."),
                    None if l.is_empty() => "Please check the postcode (Switzerland: 4 digits, Germany: 5 digits).".into(),
                    None => "Please check the postcode.".into(),
                },
                E::InvalidCountry => "This country is not possible for this application.".into(),
                E::InvalidIban => "This IBAN is not valid. Please check it character by character.".into(),
                E::InvalidUrl => "Please give a web address starting with https://, for example https://www.aarau.ch.".into(),
                E::InvalidAhv => "Please enter the 13 digits of the AHV number; it starts with 756, for example 756.1234.5678.97.".into(),
                E::AhvCheckDigit => "This AHV number is not correct: the last digit (the check digit) does not match the others. A digit is probably wrong or two are swapped. Please compare the number with your health insurance card.".into(),
                E::InvalidSteuerId => "Please enter the 11 digits of the German tax ID; it does not start with 0.".into(),
                E::SteuerIdCheckDigit => "This German tax ID is not correct: a digit is probably wrong or two are swapped. Please compare it with your German income tax assessment.".into(),
                E::InvalidAnimalChip => "Please enter the 15 digits of the microchip number, for example 276 098 100 123 456. It is in the pet passport.".into(),
                E::AnimalChipPrefix => "This microchip number starts with neither a country code (for example 756 for Switzerland, 276 for Germany) nor a manufacturer code (900 to 998). Please compare it with the pet passport.".into(),
                E::FileType => "This type of file is not accepted.".into(),
                E::FileTooLarge => format!("The file is too large; {} at most.", size()),
                E::TooManyFiles if one => "Please attach only one file.".into(),
                E::TooManyFiles => format!("Please attach {l} files or fewer."),
                E::UploadMissing => "This file did not reach us. Please choose it again.".into(),
                E::TooFewItems => format!("Please add at least {l} entries."),
                E::TooManyItems => format!("At most {l} entries are possible."),
                E::UnknownField => "This answer does not belong to this form.".into(),
                E::WrongType => "This answer has an invalid format.".into(),
            },
        }
    }
}

/// The message of [`ErrorCode::InvalidCharacter`]: the character shown where it can be seen,
/// else named by its code point (`limit`), with what to do.
fn invalid_character(lang: Lang, limit: &str) -> String {
    let appearance = repertoire::parse_code_point(limit)
        .map(repertoire::appearance)
        .unwrap_or(Appearance::Invisible);
    match (lang, appearance) {
        (Lang::De, Appearance::Visible(c)) => format!(
            "Das Zeichen „{c}“ kann nicht verarbeitet werden. Bitte ersetzen oder entfernen Sie es."
        ),
        (Lang::De, Appearance::Space) => format!(
            "Die Angabe enthält ein besonderes Leerzeichen ({limit}), das nicht verarbeitet werden kann. Bitte ersetzen Sie es durch ein gewöhnliches Leerzeichen."
        ),
        (Lang::De, Appearance::Invisible) => format!(
            "Die Angabe enthält ein unsichtbares Zeichen ({limit}), das nicht verarbeitet werden kann. Bitte entfernen Sie es, am einfachsten, indem Sie die Angabe neu eintippen."
        ),
        (Lang::Fr, Appearance::Visible(c)) => format!(
            "Le caractère « {c} » ne peut pas être traité. Veuillez le remplacer ou le supprimer."
        ),
        (Lang::Fr, Appearance::Space) => format!(
            "Cette indication contient une espace spéciale ({limit}) qui ne peut pas être traitée. Veuillez la remplacer par une espace ordinaire."
        ),
        (Lang::Fr, Appearance::Invisible) => format!(
            "Cette indication contient un caractère invisible ({limit}) qui ne peut pas être traité. Veuillez le supprimer, le plus simplement en saisissant à nouveau l’indication."
        ),
        (Lang::It, Appearance::Visible(c)) => {
            format!("Il carattere «{c}» non può essere elaborato. Lo sostituisca o lo tolga.")
        }
        (Lang::It, Appearance::Space) => format!(
            "L’indicazione contiene uno spazio speciale ({limit}) che non può essere elaborato. Lo sostituisca con uno spazio normale."
        ),
        (Lang::It, Appearance::Invisible) => format!(
            "L’indicazione contiene un carattere invisibile ({limit}) che non può essere elaborato. Lo tolga, nel modo più semplice riscrivendo l’indicazione."
        ),
        (Lang::En, Appearance::Visible(c)) => {
            format!("The character “{c}” cannot be processed. Please replace or remove it.")
        }
        (Lang::En, Appearance::Space) => format!(
            "This answer contains a special space ({limit}) that cannot be processed. Please replace it with an ordinary space."
        ),
        (Lang::En, Appearance::Invisible) => format!(
            "This answer contains an invisible character ({limit}) that cannot be processed. Please remove it, most easily by typing the answer again."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_limits_are_written_the_languages_way() {
        let money = |c, cur, lang| crate::display::money(c, cur, lang);
        assert_eq!(
            ErrorCode::TooLarge.message(Lang::De, Some("1800.00 EUR")),
            format!(
                "Bitte geben Sie höchstens {} ein.",
                money(180_000, "EUR", Lang::De)
            )
        );
        assert!(
            ErrorCode::TooSmall
                .message(Lang::Fr, Some("1.00 CHF"))
                .contains(&money(100, "CHF", Lang::Fr))
        );
        // A number limit stays as it is.
        assert!(
            ErrorCode::TooLarge
                .message(Lang::De, Some("5"))
                .contains(" 5 ")
        );
    }
}
