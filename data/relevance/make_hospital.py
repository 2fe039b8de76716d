#!/usr/bin/env python3
"""Writes data/relevance/hospital.json: the relevance test's own hospital.

A fictional city hospital written for the relevance benchmark (issue 17), independent
of `hospital-data generate`: its own department names as Chinese hospitals write them
(心血管内科, 神经外科, 肝胆外科, 呼吸与危重症医学科...), British spellings in English
(Orthopaedics, Paediatrics, Gynaecology), conditions whose names contain synonym
triggers (肝硬化, 慢性胃炎, 糖尿病足), three campuses, and names that collide the way
real staff lists do (张伟 and 张伟明, 张伟 and 张卫 with the same pinyin).

Deterministic: the same file every run. `python3 data/relevance/make_hospital.py`.
"""
import json
import os
import random

R = random.Random(17)

HOSPITAL = {
    "name": {"en": "Qingzhou First People's Hospital", "zh": "青州市第一人民医院"},
    "description": {
        "en": "A fictional teaching hospital written for the search relevance test.",
        "zh": "为搜索相关性测试编写的虚构教学医院。",
    },
    "address": {"en": "9 Zhongshan Road, Qingzhou", "zh": "青州市中山路9号"},
    "phone": "+86 536 555 0100",
    "campuses": [
        {"id": "central", "name": {"en": "Central Campus", "zh": "本部"},
         "address": {"en": "9 Zhongshan Road", "zh": "中山路9号"}},
        {"id": "east", "name": {"en": "East Campus", "zh": "东院"},
         "address": {"en": "120 Dongfeng Avenue", "zh": "东风大道120号"}},
        {"id": "binjiang", "name": {"en": "Binjiang Campus", "zh": "滨江院区"},
         "address": {"en": "3 Riverside Street", "zh": "滨江街3号"}},
    ],
}

# id, (en, zh), campuses, keywords, specialties, conditions. What each department's
# doctors list, in the words a Chinese hospital's own pages use.
DEPTS = [
    ("cardiology", ("Cardiology", "心血管内科"), ["central", "east"],
     [("heart", "心脏"), ("palpitations", "心悸")],
     [("coronary intervention", "冠脉介入"), ("cardiac pacing", "心脏起搏"), ("echocardiography", "心脏超声")],
     [("hypertension", "高血压"), ("coronary heart disease", "冠心病"), ("atrial fibrillation", "房颤"),
      ("heart failure", "心力衰竭"), ("hyperlipidaemia", "高脂血症"), ("angina", "心绞痛")]),
    ("neurology", ("Neurology", "神经内科"), ["central", "binjiang"],
     [("brain", "脑"), ("nerves", "神经")],
     [("stroke thrombolysis", "脑卒中溶栓"), ("epilepsy surgery assessment", "癫痫术前评估"), ("EEG", "脑电图")],
     [("stroke", "脑卒中"), ("epilepsy", "癫痫"), ("migraine", "偏头痛"), ("Parkinson's disease", "帕金森病"),
      ("dementia", "痴呆"), ("peripheral neuropathy", "周围神经病")]),
    ("neurosurgery", ("Neurosurgery", "神经外科"), ["central"],
     [("brain surgery", "脑外科")],
     [("microsurgery", "显微神经外科"), ("skull base surgery", "颅底外科")],
     [("brain tumour", "脑肿瘤"), ("cerebral haemorrhage", "脑出血"), ("head injury", "颅脑损伤"),
      ("hydrocephalus", "脑积水"), ("trigeminal neuralgia", "三叉神经痛")]),
    ("gastroenterology", ("Gastroenterology", "消化内科"), ["central", "east"],
     [("stomach", "胃肠"), ("digestion", "消化")],
     [("gastroscopy", "胃镜"), ("colonoscopy", "肠镜"), ("ERCP", "内镜逆行胰胆管造影")],
     [("chronic gastritis", "慢性胃炎"), ("peptic ulcer", "消化性溃疡"), ("liver cirrhosis", "肝硬化"),
      ("fatty liver", "脂肪肝"), ("inflammatory bowel disease", "炎症性肠病"), ("gastro-oesophageal reflux", "胃食管反流")]),
    ("hepatobiliary-surgery", ("Hepatobiliary Surgery", "肝胆外科"), ["central"],
     [("gallbladder", "胆囊"), ("liver surgery", "肝脏手术")],
     [("laparoscopic cholecystectomy", "腹腔镜胆囊切除"), ("liver resection", "肝切除")],
     [("gallstones", "胆结石"), ("liver cancer", "肝癌"), ("liver cirrhosis", "肝硬化"), ("bile duct stones", "胆管结石")]),
    ("endocrinology", ("Endocrinology", "内分泌科"), ["central", "east"],
     [("hormones", "激素"), ("blood sugar", "血糖")],
     [("insulin pump therapy", "胰岛素泵治疗"), ("thyroid ultrasound", "甲状腺超声")],
     [("diabetes", "糖尿病"), ("diabetic foot", "糖尿病足"), ("hyperthyroidism", "甲亢"),
      ("thyroid nodules", "甲状腺结节"), ("osteoporosis", "骨质疏松"), ("obesity", "肥胖症")]),
    ("vascular-surgery", ("Vascular Surgery", "血管外科"), ["east"],
     [("veins", "静脉"), ("arteries", "动脉")],
     [("endovascular repair", "腔内修复"), ("wound care", "创面修复")],
     [("diabetic foot", "糖尿病足"), ("varicose veins", "静脉曲张"), ("aortic aneurysm", "主动脉瘤"),
      ("deep vein thrombosis", "深静脉血栓")]),
    ("respiratory", ("Respiratory and Critical Care Medicine", "呼吸与危重症医学科"), ["central", "binjiang"],
     [("lungs", "肺"), ("breathing", "呼吸")],
     [("bronchoscopy", "支气管镜"), ("sleep apnoea testing", "睡眠呼吸监测")],
     [("asthma", "哮喘"), ("COPD", "慢阻肺"), ("pneumonia", "肺炎"), ("lung nodules", "肺结节"),
      ("chronic cough", "慢性咳嗽")]),
    ("orthopaedics", ("Orthopaedics", "骨科"), ["central", "east", "binjiang"],
     [("bones", "骨头"), ("joints", "关节")],
     [("joint replacement", "关节置换"), ("arthroscopy", "关节镜"), ("spine surgery", "脊柱外科")],
     [("fractures", "骨折"), ("knee osteoarthritis", "膝关节骨关节炎"), ("lumbar disc herniation", "腰椎间盘突出"),
      ("cervical spondylosis", "颈椎病"), ("sports injuries", "运动损伤"), ("scoliosis", "脊柱侧弯")]),
    ("obstetrics-gynaecology", ("Obstetrics and Gynaecology", "妇产科"), ["central", "binjiang"],
     [("pregnancy", "怀孕"), ("women's health", "妇女保健")],
     [("high-risk pregnancy", "高危妊娠"), ("hysteroscopy", "宫腔镜")],
     [("uterine fibroids", "子宫肌瘤"), ("endometriosis", "子宫内膜异位症"), ("infertility", "不孕症"),
      ("polycystic ovary syndrome", "多囊卵巢综合征"), ("menstrual disorders", "月经不调")]),
    ("paediatrics", ("Paediatrics", "儿科"), ["central", "binjiang"],
     [("children", "儿童"), ("babies", "婴儿")],
     [("neonatal care", "新生儿监护"), ("childhood asthma", "儿童哮喘")],
     [("childhood fever", "小儿发热"), ("bronchiolitis", "毛细支气管炎"), ("childhood diarrhoea", "小儿腹泻"),
      ("growth delay", "生长发育迟缓"), ("neonatal jaundice", "新生儿黄疸")]),
    ("dermatology", ("Dermatology", "皮肤科"), ["east"],
     [("skin", "皮肤"), ("hair", "毛发")],
     [("laser treatment", "激光治疗"), ("dermatoscopy", "皮肤镜")],
     [("eczema", "湿疹"), ("psoriasis", "银屑病"), ("acne", "痤疮"), ("urticaria", "荨麻疹"), ("vitiligo", "白癜风")]),
    ("ophthalmology", ("Ophthalmology", "眼科"), ["central"],
     [("eyes", "眼睛"), ("vision", "视力")],
     [("cataract surgery", "白内障手术"), ("retina surgery", "视网膜手术")],
     [("cataract", "白内障"), ("glaucoma", "青光眼"), ("myopia", "近视"), ("diabetic retinopathy", "糖尿病视网膜病变"),
      ("dry eye", "干眼症")]),
    ("ent", ("Otorhinolaryngology Head and Neck Surgery", "耳鼻咽喉头颈外科"), ["central"],
     [("ENT", "耳鼻喉"), ("ear nose throat", "耳鼻喉")],
     [("sinus surgery", "鼻窦内镜手术"), ("hearing tests", "听力检查")],
     [("chronic sinusitis", "慢性鼻窦炎"), ("allergic rhinitis", "过敏性鼻炎"), ("hearing loss", "听力下降"),
      ("tonsillitis", "扁桃体炎"), ("vertigo", "眩晕")]),
    ("nephrology", ("Nephrology", "肾内科"), ["central", "east"],
     [("kidneys", "肾脏")],
     [("haemodialysis", "血液透析"), ("kidney biopsy", "肾穿刺活检")],
     [("chronic kidney disease", "慢性肾病"), ("nephritis", "肾炎"), ("kidney failure", "肾衰竭"),
      ("diabetic nephropathy", "糖尿病肾病")]),
    ("oncology", ("Oncology", "肿瘤科"), ["central"],
     [("cancer", "癌症"), ("tumours", "肿瘤")],
     [("chemotherapy", "化疗"), ("targeted therapy", "靶向治疗"), ("radiotherapy", "放疗")],
     [("lung cancer", "肺癌"), ("breast cancer", "乳腺癌"), ("colorectal cancer", "结直肠癌"),
      ("stomach cancer", "胃癌"), ("liver cancer", "肝癌")]),
    ("urology", ("Urology", "泌尿外科"), ["central", "east"],
     [("bladder", "膀胱"), ("prostate", "前列腺")],
     [("lithotripsy", "碎石"), ("prostate surgery", "前列腺手术")],
     [("kidney stones", "肾结石"), ("enlarged prostate", "前列腺增生"), ("urinary tract infection", "尿路感染"),
      ("bladder cancer", "膀胱癌")]),
    ("stomatology", ("Stomatology", "口腔科"), ["east"],
     [("teeth", "牙齿"), ("dentist", "牙医")],
     [("dental implants", "种植牙"), ("orthodontics", "正畸")],
     [("tooth decay", "龋齿"), ("periodontitis", "牙周炎"), ("wisdom teeth", "智齿"), ("mouth ulcers", "口腔溃疡")]),
    ("psychiatry", ("Psychiatry and Psychology", "精神心理科"), ["binjiang"],
     [("mental health", "心理健康")],
     [("cognitive behavioural therapy", "认知行为治疗"), ("sleep medicine", "睡眠医学")],
     [("depression", "抑郁症"), ("anxiety", "焦虑症"), ("insomnia", "失眠"), ("bipolar disorder", "双相情感障碍")]),
    ("tcm", ("Traditional Chinese Medicine", "中医科"), ["binjiang"],
     [("herbal medicine", "中药")],
     [("acupuncture", "针灸"), ("tuina massage", "推拿")],
     [("chronic gastritis", "慢性胃炎"), ("insomnia", "失眠"), ("menstrual disorders", "月经不调"),
      ("cervical spondylosis", "颈椎病"), ("chronic fatigue", "慢性疲劳")]),
]

# Surnames and given names with pinyin. Chosen so that Traditional forms differ
# (张/張, 刘/劉, 陈/陳, 黄/黃, 赵/趙, 郑/鄭, 吴/吳, 杨/楊...).
SURNAMES = [
    ("张", "zhāng", "Zhang"), ("王", "wáng", "Wang"), ("李", "lǐ", "Li"), ("刘", "liú", "Liu"),
    ("陈", "chén", "Chen"), ("杨", "yáng", "Yang"), ("黄", "huáng", "Huang"), ("赵", "zhào", "Zhao"),
    ("吴", "wú", "Wu"), ("周", "zhōu", "Zhou"), ("徐", "xú", "Xu"), ("孙", "sūn", "Sun"),
    ("马", "mǎ", "Ma"), ("朱", "zhū", "Zhu"), ("胡", "hú", "Hu"), ("郭", "guō", "Guo"),
    ("何", "hé", "He"), ("林", "lín", "Lin"), ("罗", "luó", "Luo"), ("郑", "zhèng", "Zheng"),
    ("梁", "liáng", "Liang"), ("谢", "xiè", "Xie"), ("宋", "sòng", "Song"), ("韩", "hán", "Han"),
    ("冯", "féng", "Feng"), ("邓", "dèng", "Deng"), ("曹", "cáo", "Cao"), ("彭", "péng", "Peng"),
    ("吕", "lǚ", "Lü"), ("苏", "sū", "Su"), ("蒋", "jiǎng", "Jiang"), ("叶", "yè", "Ye"),
    ("欧阳", "ōu yáng", "Ouyang"), ("钱", "qián", "Qian"), ("沈", "shěn", "Shen"), ("魏", "wèi", "Wei"),
]
GIVEN = [
    ("伟", "wěi"), ("芳", "fāng"), ("娜", "nà"), ("敏", "mǐn"), ("静", "jìng"), ("丽", "lì"),
    ("强", "qiáng"), ("磊", "lěi"), ("军", "jūn"), ("洋", "yáng"), ("勇", "yǒng"), ("艳", "yàn"),
    ("杰", "jié"), ("涛", "tāo"), ("明", "míng"), ("超", "chāo"), ("霞", "xiá"), ("平", "píng"),
    ("刚", "gāng"), ("华", "huá"), ("文", "wén"), ("辉", "huī"), ("建国", "jiàn guó"), ("玲", "líng"),
    ("欣怡", "xīn yí"), ("宇航", "yǔ háng"), ("浩然", "hào rán"), ("婷", "tíng"), ("志强", "zhì qiáng"),
    ("雪梅", "xuě méi"), ("晓东", "xiǎo dōng"), ("海燕", "hǎi yàn"), ("国庆", "guó qìng"), ("丹", "dān"),
    ("春梅", "chūn méi"), ("振华", "zhèn huá"), ("思远", "sī yuǎn"), ("佳琪", "jiā qí"), ("立新", "lì xīn"),
    ("红", "hóng"), ("凯", "kǎi"), ("慧敏", "huì mǐn"), ("卫东", "wèi dōng"), ("秀英", "xiù yīng"),
]

RANKS = ["chief_physician", "associate_chief_physician", "attending_physician", "resident_physician"]
RANK_ZH = {"chief_physician": "主任医师", "associate_chief_physician": "副主任医师",
           "attending_physician": "主治医师", "resident_physician": "住院医师"}
RANK_EN = {"chief_physician": "chief physician", "associate_chief_physician": "associate chief physician",
           "attending_physician": "attending physician", "resident_physician": "resident physician"}

# Doctors every test needs, whatever the random draw: (surname index, given, dept, rank).
FIXED = [
    (("张", "zhāng", "Zhang"), ("伟", "wěi"), "cardiology", "chief_physician"),
    (("张", "zhāng", "Zhang"), ("伟明", "wěi míng"), "gastroenterology", "attending_physician"),
    (("张", "zhāng", "Zhang"), ("卫", "wèi"), "orthopaedics", "associate_chief_physician"),
    (("王", "wáng", "Wang"), ("芳", "fāng"), "endocrinology", "chief_physician"),
    (("刘", "liú", "Liu"), ("洋", "yáng"), "neurosurgery", "associate_chief_physician"),
    (("陈", "chén", "Chen"), ("静", "jìng"), "paediatrics", "chief_physician"),
    (("黄", "huáng", "Huang"), ("建国", "jiàn guó"), "hepatobiliary-surgery", "chief_physician"),
    (("赵", "zhào", "Zhao"), ("丽", "lì"), "dermatology", "attending_physician"),
    (("郑", "zhèng", "Zheng"), ("晓东", "xiǎo dōng"), "neurology", "chief_physician"),
    (("欧阳", "ōu yáng", "Ouyang"), ("雪梅", "xuě méi"), "obstetrics-gynaecology", "chief_physician"),
    (("吕", "lǚ", "Lü"), ("斌", "bīn"), "urology", "attending_physician"),
    (("李", "lǐ", "Li"), ("娜", "nà"), "respiratory", "associate_chief_physician"),
]
# Doctors with English names only (visiting consultants).
FOREIGN = [
    ("Sarah Mitchell", "female", "obstetrics-gynaecology", "associate_chief_physician"),
    ("James O'Connor", "male", "orthopaedics", "chief_physician"),
    ("Anna Schmidt", "female", "ophthalmology", "attending_physician"),
    ("David Levy", "male", "cardiology", "associate_chief_physician"),
]

# Departments that a doctor trained in, mentioned in the biography only.
TRAINED = ["神经外科", "心血管内科", "消化内科", "骨科", "内分泌科", "肝胆外科"]
TRAINED_EN = {"神经外科": "Neurosurgery", "心血管内科": "Cardiology", "消化内科": "Gastroenterology",
              "骨科": "Orthopaedics", "内分泌科": "Endocrinology", "肝胆外科": "Hepatobiliary Surgery"}

SLOTS = [(w, h) for w in ["mon", "tue", "wed", "thu", "fri", "sat"] for h in ["morning", "afternoon"]]


def slug(s):
    return "".join(c if c.isalnum() else "-" for c in s.lower()).strip("-")


def dept(id_):
    return next(d for d in DEPTS if d[0] == id_)


def schedule(campuses, rank):
    n = R.randint(2, 4)
    slots = R.sample(SLOTS, n)
    clinic = "expert" if rank in RANKS[:2] else "general"
    out = []
    for w, h in sorted(slots, key=SLOTS.index):
        out.append({"weekday": w, "session": h, "clinic": clinic, "campus": R.choice(campuses),
                    "room": f"Building {R.randint(1, 6)}, Room {R.randint(101, 420)}"})
    return out


def doctor(id_, name, pinyin, gender, dept_id, rank, others=()):
    _, dname, campuses, _, specs, conds = dept(dept_id)
    chosen_c = R.sample(conds, min(len(conds), R.randint(2, 4)))
    chosen_s = R.sample(specs, R.randint(1, 2))
    years = R.randint(4, 32) if rank != "resident_physician" else R.randint(2, 5)
    zh_name = name.get("zh")
    en_name = name["en"]
    focus_zh = "、".join(c[1] for c in chosen_s)
    focus_en = " and ".join(c[0] for c in chosen_s)
    bio_zh = f"{zh_name or en_name}，{dname[1]}{RANK_ZH[rank]}，从事临床工作{years}年，擅长{focus_zh}。"
    bio_en = f"{en_name} is a {RANK_EN[rank]} in {dname[0]} with {years} years of practice, focusing on {focus_en}."
    if R.random() < 0.3:
        t = R.choice([x for x in TRAINED if x != dname[1]])
        bio_zh += f"曾在{t}进修一年。"
        bio_en += f" Trained for a year in {TRAINED_EN[t]}."
    d = {
        "id": id_,
        "name": name,
        "title": rank,
        "departments": [dept_id, *others],
        "specialties": [{"en": e, "zh": z} for e, z in chosen_s],
        "conditions": [{"en": e, "zh": z} for e, z in chosen_c],
        "languages": ["zh"] + (["en"] if R.random() < 0.4 else []),
        "gender": gender,
        "bio": {"en": bio_en, "zh": bio_zh},
        "education": [{"en": "MD, Qingzhou Medical University", "zh": "青州医科大学 医学博士"}],
        "schedule": schedule(campuses, rank),
    }
    if pinyin:
        d = {k: d[k] for k in ["id", "name"]} | {"pinyin": pinyin} | {k: v for k, v in d.items() if k not in ("id", "name")}
    return d


def main():
    doctors = []
    used = set()
    ids = set()

    def add(sur, giv, dept_id, rank, gender=None):
        zh = sur[0] + giv[0]
        used.add(zh)
        given_en = giv[1]
        # English name: given name first, pinyin without tones, joined syllables.
        import unicodedata
        plain = "".join(c for c in unicodedata.normalize("NFD", given_en) if unicodedata.category(c) != "Mn")
        plain = plain.replace(" ", "").capitalize()
        en = f"{plain} {sur[2]}"
        base = slug(f"{sur[2]}-{plain}").replace("ü", "v")
        id_ = base
        k = 2
        while id_ in ids:
            id_ = f"{base}-{k}"
            k += 1
        ids.add(id_)
        gender = gender or R.choice(["female", "male"])
        others = []
        if R.random() < 0.12:
            others = [R.choice([d[0] for d in DEPTS if d[0] != dept_id])]
        doctors.append(doctor(id_, {"en": en, "zh": zh}, f"{sur[1]} {giv[1]}", gender, dept_id, rank, others))

    for sur, giv, dept_id, rank in FIXED:
        add(sur, giv, dept_id, rank)
    for name, gender, dept_id, rank in FOREIGN:
        id_ = slug(name.replace("'", ""))
        ids.add(id_)
        doctors.append(doctor(id_, {"en": name}, None, gender, dept_id, rank))
    # The rest: each department gets 5 to 9 doctors, ranks from chief down.
    for d in DEPTS:
        have = sum(1 for x in doctors if x["departments"][0] == d[0])
        for i in range(max(0, R.randint(6, 9) - have)):
            while True:
                sur = R.choice(SURNAMES)
                giv = R.choice(GIVEN)
                if sur[0] + giv[0] not in used:
                    break
            rank = RANKS[min(3, i // 2)] if R.random() < 0.8 else R.choice(RANKS)
            add(sur, giv, d[0], rank)

    departments = [
        {"id": id_, "name": {"en": n[0], "zh": n[1]}, "campuses": campuses,
         "keywords": [{"en": e, "zh": z} for e, z in kw]}
        for id_, n, campuses, kw, _, _ in DEPTS
    ]
    ds = {"schema": 1, "sample": True, "hospital": HOSPITAL, "departments": departments,
          "doctors": doctors, "articles": []}
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hospital.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(ds, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {len(doctors)} doctors in {len(departments)} departments to {out}")


if __name__ == "__main__":
    main()
