// What a careful clerk expects of messages (issue 15): a taken value named with what to do, a status
// change that asks to review the assessment, the same file attached twice, the details of a failure.
const lv = {
  /** 409 ALREADY_EXISTS by `details.entity`, naming the taken value. */
  alreadyExists: {
    user: 'Lietotājs ar e-pastu {value} jau ir — atrodiet to lietotāju sarakstā vai izmantojiet citu e-pastu.',
    institution: 'Iestāde ar kodu {value} jau ir — atrodiet to iestāžu sarakstā vai izvēlieties citu kodu.',
    plan: 'Plāns ar kodu {value} jau ir — atveriet to plānu sarakstā vai izvēlieties citu kodu.',
    actionLine: 'Rīcības virziens ar numuru {value} šajā plānā jau ir — izvēlieties citu numuru.',
    measure: 'Pasākums ar numuru {value} šajā plānā jau ir — izvēlieties citu numuru.',
    survey: 'Aptauja ar kodu {value} jau ir — atrodiet to aptauju sarakstā vai izvēlieties citu kodu.',
  },
  errorDetails: 'Sīkāka informācija atbalsta dienestam',
  /** The title of an error summary above a form. */
  problemsTitle: 'Pirms saglabāšanas izlabojiet',
  assessment: {
    review: 'Statuss mainīts — pārskatiet vērtējumu',
    reviewText:
      'Vērtējums ir rakstīts statusam “{from}”. Ziņojumā tas būs blakus jaunajam statusam “{to}”, tāpēc pārrakstiet to vai apstipriniet, ka tas der arī jaunajam statusam.',
    keep: 'Vērtējums der arī jaunajam statusam — saglabāt to nemainītu',
    keepFirst: 'Pārrakstiet vērtējumu jaunajam statusam vai apstipriniet, ka tas paliek nemainīts.',
  },
  evidence: {
    duplicate: 'Šī datne jau ir pievienota kā “{name}”.',
  },
}

export default lv
