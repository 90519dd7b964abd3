//! The texts about files being read and what this device keeps: progress,
//! cancel, storage, private mode, notices.

use super::{format_size, Lang};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceText {
    Queued,
    Reading,
    Parsing,
    Typing,
    Cancel,
    Cancelled,
    TooLarge,
    OutOfMemory,
    NoWorker,
    Computing,
    DeviceData,
    DeviceIntro,
    StoredFiles,
    NothingStored,
    Size,
    Saved,
    Forget,
    ForgetEverything,
    ForgetEverythingDone,
    Preferences,
    Keys,
    OfflineCache,
    CacheEmpty,
    CachePresent,
    Used,
    PrivateMode,
    PrivateHint,
    PrivateOn,
    StorageFull,
    StorageUnavailable,
    DamagedFiles,
    SetAside,
    Dismiss,
    Restoring,
    Outdated,
    KeepsStopping,
}

/// The French and English texts, each passed through `wrap` (to add a count,
/// a size or a reason around it).
pub fn both(key: DeviceText, wrap: impl Fn(&'static str) -> String) -> (String, String) {
    (wrap(dt(Lang::Fr, key)), wrap(dt(Lang::En, key)))
}

/// A file refused before reading: why, with its size, in French and English.
pub fn too_large(bytes: f64) -> (String, String) {
    let say = |lang| {
        format!(
            "{} ({})",
            dt(lang, DeviceText::TooLarge),
            format_size(bytes, lang)
        )
    };
    (say(Lang::Fr), say(Lang::En))
}

/// The language tag the browser writes a kept file's date with.
pub fn date_locale(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "fr-FR",
        Lang::En => "en-GB",
    }
}

pub fn dt(lang: Lang, key: DeviceText) -> &'static str {
    use DeviceText::*;
    let (fr, en) = match key {
        Queued => ("En attente", "Waiting"),
        Reading => ("Lecture du fichier", "Reading the file"),
        Parsing => ("Découpage des lignes", "Splitting rows"),
        Typing => ("Reconnaissance des colonnes", "Recognising columns"),
        Cancel => ("Annuler", "Cancel"),
        Cancelled => ("Import annulé\u{202f}: les tables déjà importées sont conservées.", "Import cancelled: the tables already imported are kept."),
        TooLarge => (
            "ce fichier est trop gros pour être lu dans ce navigateur (1 Go au plus)\u{202f}; découpez-le par période",
            "this file is too large to read in a browser (1 GB at most); split it by period",
        ),
        OutOfMemory => (
            "la mémoire de cet appareil n'a pas suffi pour lire ce fichier\u{202f}; les autres tables sont conservées. Découpez-le par période ou fermez d'autres onglets.",
            "this device ran out of memory reading this file; the other tables are kept. Split it by period or close other tabs.",
        ),
        NoWorker => (
            "ce navigateur ne peut pas lancer le moteur de calcul (module Web Worker requis)",
            "this browser cannot start the computing engine (module Web Workers required)",
        ),
        Computing => ("Calcul…", "Computing…"),
        DeviceData => ("Données sur cet appareil", "Data on this device"),
        DeviceIntro => (
            "Tout reste dans ce navigateur\u{202f}: les fichiers dans IndexedDB, les réglages et objectifs dans localStorage, l'application dans le cache hors ligne. Rien n'est envoyé.",
            "Everything stays in this browser: files in IndexedDB, settings and objectives in localStorage, the app in the offline cache. Nothing is sent.",
        ),
        StoredFiles => ("Fichiers conservés", "Files kept"),
        NothingStored => ("Aucun fichier conservé sur cet appareil.", "No file kept on this device."),
        Size => ("Taille", "Size"),
        Saved => ("Conservé le", "Kept on"),
        Forget => ("Oublier ce fichier", "Forget this file"),
        ForgetEverything => ("Tout oublier", "Forget everything"),
        ForgetEverythingDone => (
            "Tout a été effacé de cet appareil\u{202f}: fichiers, réglages, objectifs et cache hors ligne.",
            "Everything was erased from this device: files, settings, objectives and offline cache.",
        ),
        Preferences => ("Réglages, vue, objectifs (localStorage)", "Settings, view, objectives (localStorage)"),
        Keys => ("clés", "keys"),
        OfflineCache => ("Application hors ligne (cache)", "Offline app (cache)"),
        CacheEmpty => ("vide", "empty"),
        CachePresent => ("présente", "present"),
        Used => ("Espace utilisé par ce site", "Space used by this site"),
        PrivateMode => ("Mode privé\u{202f}: ne rien conserver sur cet appareil", "Private mode: keep nothing on this device"),
        PrivateHint => (
            "Les fichiers et réglages ne servent que pendant cette visite\u{202f}; activer ce mode efface ce qui est conservé.",
            "Files and settings last only for this visit; turning this on erases what is kept.",
        ),
        PrivateOn => (
            "Mode privé\u{202f}: rien de cette visite ne sera conservé.",
            "Private mode: nothing from this visit will be kept.",
        ),
        StorageFull => (
            "Plus de place sur cet appareil pour conserver ce fichier\u{202f}: il sert pour cette visite seulement. Oubliez d'anciens fichiers dans « Données sur cet appareil ».",
            "No more space on this device to keep this file: it is used for this visit only. Forget old files in \"Data on this device\".",
        ),
        StorageUnavailable => (
            "Ce navigateur refuse de conserver des fichiers (stockage bloqué ou fenêtre privée)\u{202f}: ils servent pour cette visite seulement",
            "This browser refuses to keep files (storage blocked or private window): they are used for this visit only",
        ),
        DamagedFiles => (
            "fichier(s) conservé(s) étaient illisibles et ont été écartés\u{202f}; importez-les à nouveau.",
            "kept file(s) could not be read and were set aside; import them again.",
        ),
        SetAside => (
            "Un réglage conservé était illisible (abîmé ou d'une autre version)\u{202f}; il a été mis de côté et les valeurs par défaut sont utilisées\u{202f}:",
            "A kept setting could not be read (damaged or from another version); it was set aside and defaults are used:",
        ),
        Dismiss => ("Fermer", "Dismiss"),
        Restoring => ("Réouverture des fichiers conservés", "Reopening the files kept"),
        Outdated => (
            "Une nouvelle version de Cadran est arrivée pendant cette visite\u{202f}: rechargez la page pour continuer.",
            "A new version of Cadran arrived during this visit: reload the page to go on.",
        ),
        KeepsStopping => (
            "Le moteur de calcul s'arrête sans cesse dans ce navigateur\u{202f}: rechargez la page (vos fichiers confirmés sont conservés).",
            "The computing engine keeps stopping in this browser: reload the page (your confirmed files are kept).",
        ),
    };
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}
