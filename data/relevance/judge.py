#!/usr/bin/env python3
"""Writes data/relevance/judgments.json: graded judgments (0-3) for the relevance test.

Each query below is written with its intent: what a patient typing it wants (this
department, that doctor, a doctor who treats this condition, a chief physician named
Zhang...). The intent is turned into a grade per doctor from the dataset's structured
fields only (department ids, listed conditions and specialties, names, pinyin, rank,
campuses of the timetable), never by running a search engine:

  3  what was asked for: a doctor of the department, a doctor listing the condition,
     the doctor named, a doctor of the rank named;
  2  a good answer: listed conditions containing the one asked for (糖尿病 in 糖尿病足),
     doctors of the department that treats the condition or symptom;
  1  acceptable but not what was asked: a doctor whose biography merely mentions the
     department or condition, a longer name containing the one typed (张伟明 for 张伟),
     the right department at another campus, the right name at another rank;
  0  noise (every doctor not listed).

Datasets: `written` is data/relevance/hospital.json (make_hospital.py); `generated` is
`hospital-data generate --doctors 1000 --articles 0 --seed 1`. Usage:

  target/release/hospital-data generate --doctors 1000 --articles 0 --seed 1 --out target/relevance
  python3 data/relevance/judge.py target/relevance/hospital.json
"""
import json
import os
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))

RANK_SENIOR = ["chief_physician", "associate_chief_physician"]


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if unicodedata.category(c) != "Mn").lower().replace("ü", "u")


def texts(t):
    if t is None:
        return []
    if isinstance(t, str):
        return [t]
    return list(t.values())


def toneless(p):
    return " ".join(fold(x) for x in (p or "").split())


# --- the query set --------------------------------------------------------------
# (class, query, intent). Classes: department, condition (with a synonym trigger
# inside), title (names with titles or courtesy words), campus, traditional, name,
# pinyin, initials, typo, symptom, english.

WRITTEN = [
    # Department names typed in full, several with a synonym trigger inside.
    ("department", "心血管内科", {"dept": "cardiology"}),
    ("department", "神经外科", {"dept": "neurosurgery"}),
    ("department", "神经内科", {"dept": "neurology"}),
    ("department", "消化内科", {"dept": "gastroenterology"}),
    ("department", "肝胆外科", {"dept": "hepatobiliary-surgery"}),
    ("department", "内分泌科", {"dept": "endocrinology"}),
    ("department", "血管外科", {"dept": "vascular-surgery"}),
    ("department", "呼吸与危重症医学科", {"dept": "respiratory"}),
    ("department", "骨科", {"dept": "orthopaedics"}),
    ("department", "妇产科", {"dept": "obstetrics-gynaecology"}),
    ("department", "儿科", {"dept": "paediatrics"}),
    ("department", "皮肤科", {"dept": "dermatology"}),
    ("department", "眼科", {"dept": "ophthalmology"}),
    ("department", "耳鼻咽喉头颈外科", {"dept": "ent"}),
    ("department", "肾内科", {"dept": "nephrology"}),
    ("department", "肿瘤科", {"dept": "oncology"}),
    ("department", "泌尿外科", {"dept": "urology"}),
    ("department", "口腔科", {"dept": "stomatology"}),
    ("department", "精神心理科", {"dept": "psychiatry"}),
    ("department", "中医科", {"dept": "tcm"}),
    # Conditions that contain a synonym trigger.
    ("condition", "肝硬化", {"cond": ["肝硬化", "liver cirrhosis"], "treat": ["gastroenterology", "hepatobiliary-surgery"]}),
    ("condition", "慢性胃炎", {"cond": ["慢性胃炎", "chronic gastritis"], "treat": ["gastroenterology"]}),
    ("condition", "糖尿病足", {"cond": ["糖尿病足", "diabetic foot"], "treat": ["endocrinology", "vascular-surgery"]}),
    ("condition", "糖尿病", {"cond": ["糖尿病", "diabetes"], "treat": ["endocrinology"]}),
    ("condition", "高血压", {"cond": ["高血压", "hypertension"], "treat": ["cardiology"]}),
    ("condition", "冠心病", {"cond": ["冠心病", "coronary heart disease"], "treat": ["cardiology"]}),
    ("condition", "偏头痛", {"cond": ["偏头痛", "migraine"], "treat": ["neurology"]}),
    ("condition", "脑出血", {"cond": ["脑出血", "cerebral haemorrhage"], "treat": ["neurosurgery", "neurology"]}),
    ("condition", "肺结节", {"cond": ["肺结节", "lung nodules"], "treat": ["respiratory"]}),
    ("condition", "骨质疏松", {"cond": ["骨质疏松", "osteoporosis"], "treat": ["endocrinology", "orthopaedics"]}),
    ("condition", "腰椎间盘突出", {"cond": ["腰椎间盘突出", "lumbar disc herniation"], "treat": ["orthopaedics"]}),
    ("condition", "膝关节骨关节炎", {"cond": ["膝关节骨关节炎", "knee osteoarthritis"], "treat": ["orthopaedics"]}),
    ("condition", "糖尿病视网膜病变", {"cond": ["糖尿病视网膜病变", "diabetic retinopathy"], "treat": ["ophthalmology"]}),
    ("condition", "糖尿病肾病", {"cond": ["糖尿病肾病", "diabetic nephropathy"], "treat": ["nephrology"]}),
    ("condition", "慢性咳嗽", {"cond": ["慢性咳嗽", "chronic cough"], "treat": ["respiratory"]}),
    ("condition", "小儿发热", {"cond": ["小儿发热", "childhood fever"], "treat": ["paediatrics"]}),
    ("condition", "过敏性鼻炎", {"cond": ["过敏性鼻炎", "allergic rhinitis"], "treat": ["ent"]}),
    ("condition", "肝癌", {"cond": ["肝癌", "liver cancer"], "treat": ["oncology", "hepatobiliary-surgery"]}),
    ("condition", "胃癌", {"cond": ["胃癌", "stomach cancer"], "treat": ["oncology"]}),
    ("condition", "肾结石", {"cond": ["肾结石", "kidney stones"], "treat": ["urology"]}),
    # Names with titles and courtesy words.
    ("title", "张伟 主任医师", {"name": "张伟", "ranks": ["chief_physician"]}),
    ("title", "张伟医生", {"name": "张伟"}),
    ("title", "王医生", {"surname": "王"}),
    ("title", "王芳主任", {"name": "王芳"}),
    ("title", "张主任", {"surname": "张", "ranks": RANK_SENIOR}),
    ("title", "刘洋大夫", {"name": "刘洋"}),
    ("title", "陈静教授", {"name": "陈静"}),
    ("title", "黄建国 主任", {"name": "黄建国"}),
    ("title", "郑晓东主任医师", {"name": "郑晓东"}),
    ("title", "李娜 副主任医师", {"name": "李娜"}),
    ("title", "Dr. Li", {"surname_en": "Li"}),
    ("title", "Dr Zhang Wei", {"name": "Wei Zhang"}),
    ("title", "Prof. Wang Fang", {"name": "Fang Wang"}),
    ("title", "doctor Mitchell", {"name": "Sarah Mitchell"}),
    ("title", "Dr. O'Connor", {"name": "James O'Connor"}),
    ("title", "欧阳医生", {"surname": "欧阳"}),
    # Campus and hospital names, with and without a department.
    ("campus", "东院 心血管内科", {"dept": "cardiology", "campus": "east"}),
    ("campus", "东院 骨科", {"dept": "orthopaedics", "campus": "east"}),
    ("campus", "滨江院区 儿科", {"dept": "paediatrics", "campus": "binjiang"}),
    ("campus", "滨江院区 神经内科", {"dept": "neurology", "campus": "binjiang"}),
    ("campus", "本部 消化内科", {"dept": "gastroenterology", "campus": "central"}),
    ("campus", "本部 眼科", {"dept": "ophthalmology", "campus": "central"}),
    ("campus", "East Campus cardiology", {"dept": "cardiology", "campus": "east"}),
    ("campus", "Binjiang orthopaedics", {"dept": "orthopaedics", "campus": "binjiang"}),
    ("campus", "东院 糖尿病", {"cond": ["糖尿病", "diabetes"], "treat": ["endocrinology"], "campus": "east"}),
    ("campus", "滨江院区", {"campus": "binjiang"}),
    ("campus", "青州市第一人民医院 骨科", {"dept": "orthopaedics"}),
    # Traditional characters.
    ("traditional", "張偉", {"name": "张伟"}),
    ("traditional", "劉洋", {"name": "刘洋"}),
    ("traditional", "陳靜", {"name": "陈静"}),
    ("traditional", "黃建國", {"name": "黄建国"}),
    ("traditional", "鄭曉東", {"name": "郑晓东"}),
    ("traditional", "心血管內科", {"dept": "cardiology"}),
    ("traditional", "神經外科", {"dept": "neurosurgery"}),
    ("traditional", "皮膚科", {"dept": "dermatology"}),
    ("traditional", "兒科", {"dept": "paediatrics"}),
    ("traditional", "腎內科", {"dept": "nephrology"}),
    ("traditional", "糖尿病足", {"cond": ["糖尿病足", "diabetic foot"], "treat": ["endocrinology", "vascular-surgery"]}),
    ("traditional", "高血壓", {"cond": ["高血压", "hypertension"], "treat": ["cardiology"]}),
    ("traditional", "偏頭痛", {"cond": ["偏头痛", "migraine"], "treat": ["neurology"]}),
    ("traditional", "濕疹", {"cond": ["湿疹", "eczema"], "treat": ["dermatology"]}),
    # Names.
    ("name", "张伟", {"name": "张伟"}),
    ("name", "张伟明", {"name": "张伟明"}),
    ("name", "王芳", {"name": "王芳"}),
    ("name", "欧阳雪梅", {"name": "欧阳雪梅"}),
    ("name", "吕斌", {"name": "吕斌"}),
    ("name", "Sarah Mitchell", {"name": "Sarah Mitchell"}),
    ("name", "Wei Zhang", {"name": "Wei Zhang"}),
    ("name", "赵丽", {"name": "赵丽"}),
    ("name", "Schmidt", {"name": "Anna Schmidt"}),
    # Pinyin.
    ("pinyin", "zhang wei", {"pinyin": "zhang wei"}),
    ("pinyin", "zhangweiming", {"pinyin": "zhang wei ming"}),
    ("pinyin", "ouyang xuemei", {"pinyin": "ou yang xue mei"}),
    ("pinyin", "lv bin", {"pinyin": "lu bin"}),
    ("pinyin", "huang jianguo", {"pinyin": "huang jian guo"}),
    ("pinyin", "liu yang", {"pinyin": "liu yang"}),
    ("pinyin", "zheng xiaodong", {"pinyin": "zheng xiao dong"}),
    # Initials.
    ("initials", "zwm", {"initials": "zwm"}),
    ("initials", "hjg", {"initials": "hjg"}),
    ("initials", "zxd", {"initials": "zxd"}),
    ("initials", "oyxm", {"initials": "oyxm"}),
    # Typos.
    ("typo", "cardiolgy", {"dept": "cardiology"}),
    ("typo", "neurosurgey", {"dept": "neurosurgery"}),
    ("typo", "orthopaedcs", {"dept": "orthopaedics"}),
    ("typo", "dermatolgy", {"dept": "dermatology"}),
    ("typo", "diabtes", {"cond": ["diabetes"], "treat": ["endocrinology"]}),
    ("typo", "hypertensoin", {"cond": ["hypertension"], "treat": ["cardiology"]}),
    ("typo", "glaucome", {"cond": ["glaucoma"], "treat": ["ophthalmology"]}),
    ("typo", "mitchel", {"name": "Sarah Mitchell"}),
    ("typo", "zhnag wei", {"pinyin": "zhang wei"}),
    ("typo", "psoriasys", {"cond": ["psoriasis"], "treat": ["dermatology"]}),
    # Plain-language symptoms.
    ("symptom", "头痛", {"symptom": ["neurology"], "cond": ["偏头痛", "migraine"]}),
    ("symptom", "胸痛", {"symptom": ["cardiology"], "cond": ["心绞痛", "angina", "冠心病"]}),
    ("symptom", "咳嗽", {"symptom": ["respiratory"], "cond": ["慢性咳嗽", "chronic cough"]}),
    ("symptom", "拉肚子", {"symptom": ["gastroenterology"], "cond": ["小儿腹泻"]}),
    ("symptom", "牙疼", {"symptom": ["stomatology"], "cond": ["龋齿", "智齿"]}),
    ("symptom", "失眠", {"symptom": ["psychiatry"], "cond": ["失眠", "insomnia"]}),
    ("symptom", "headache", {"symptom": ["neurology"], "cond": ["migraine"]}),
    ("symptom", "chest pain", {"symptom": ["cardiology"], "cond": ["angina"]}),
    ("symptom", "stomach ache", {"symptom": ["gastroenterology"], "cond": []}),
    ("symptom", "toothache", {"symptom": ["stomatology"], "cond": ["tooth decay"]}),
    ("symptom", "back pain", {"symptom": ["orthopaedics"], "cond": ["lumbar disc herniation"]}),
    ("symptom", "rash", {"symptom": ["dermatology"], "cond": ["eczema", "urticaria"]}),
    # English department and condition names.
    ("english", "Orthopaedics", {"dept": "orthopaedics"}),
    ("english", "Neurosurgery", {"dept": "neurosurgery"}),
    ("english", "Cardiology", {"dept": "cardiology"}),
    ("english", "Paediatrics", {"dept": "paediatrics"}),
    ("english", "Hepatobiliary Surgery", {"dept": "hepatobiliary-surgery"}),
    ("english", "Vascular Surgery", {"dept": "vascular-surgery"}),
    ("english", "Obstetrics and Gynaecology", {"dept": "obstetrics-gynaecology"}),
    ("english", "liver cirrhosis", {"cond": ["liver cirrhosis"], "treat": ["gastroenterology", "hepatobiliary-surgery"]}),
    ("english", "diabetic foot", {"cond": ["diabetic foot"], "treat": ["endocrinology", "vascular-surgery"]}),
    ("english", "chronic gastritis", {"cond": ["chronic gastritis"], "treat": ["gastroenterology"]}),
    ("english", "atrial fibrillation", {"cond": ["atrial fibrillation"], "treat": ["cardiology"]}),
    ("english", "kidney stones", {"cond": ["kidney stones"], "treat": ["urology"]}),
]

GENERATED = [
    ("department", "心内科", {"dept": "cardiology"}),
    ("department", "神经外科", {"dept": "neurosurgery"}),
    ("department", "神经内科", {"dept": "neurology"}),
    ("department", "骨科", {"dept": "orthopedics"}),
    ("department", "普外科", {"dept": "general-surgery"}),
    ("department", "胸外科", {"dept": "thoracic-surgery"}),
    ("department", "心脏大血管外科", {"dept": "cardiac-surgery"}),
    ("department", "泌尿外科", {"dept": "urology"}),
    ("department", "呼吸与危重症医学科", {"dept": "respiratory"}),
    ("department", "耳鼻咽喉科", {"dept": "ent"}),
    ("department", "精神心理科", {"dept": "psychiatry"}),
    ("department", "全科医学科", {"dept": "general-practice"}),
    ("condition", "乙型肝炎", {"cond": ["乙型肝炎", "hepatitis B"], "treat": ["infectious-diseases"]}),
    ("condition", "胃炎", {"cond": ["胃炎", "gastritis"], "treat": ["gastroenterology"]}),
    ("condition", "糖尿病肾病", {"cond": ["糖尿病肾病", "diabetic kidney disease"], "treat": ["nephrology"]}),
    ("condition", "骨质疏松", {"cond": ["骨质疏松", "osteoporosis"], "treat": ["orthopedics", "endocrinology"]}),
    ("condition", "急性胸痛", {"cond": ["急性胸痛", "acute chest pain"], "treat": ["emergency"]}),
    ("condition", "心力衰竭", {"cond": ["心力衰竭", "heart failure"], "treat": ["cardiology"]}),
    ("condition", "2型糖尿病", {"cond": ["2型糖尿病", "type 2 diabetes"], "treat": ["endocrinology"]}),
    ("condition", "脂肪肝", {"cond": ["脂肪肝", "fatty liver"], "treat": ["gastroenterology"]}),
    ("condition", "肺结节", {"cond": ["肺结节", "lung nodules", "pulmonary nodules"], "treat": ["respiratory", "thoracic-surgery"]}),
    ("condition", "颈肩腰腿痛", {"cond": ["颈肩腰腿痛"], "treat": ["traditional-chinese-medicine"]}),
    ("title", "{n0}医生", {"name": "{n0}"}),
    ("title", "{n1} 主任医师", {"name": "{n1}"}),
    ("title", "{s2}主任", {"surname": "{s2}", "ranks": RANK_SENIOR}),
    ("title", "{s3}大夫", {"surname": "{s3}"}),
    ("title", "Dr. {e4}", {"name": "{e4}"}),
    ("title", "Prof {e5}", {"name": "{e5}"}),
    ("campus", "东院 消化内科", {"dept": "gastroenterology", "campus": "east"}),
    ("campus", "西院 神经内科", {"dept": "neurology", "campus": "west"}),
    ("campus", "总院 骨科", {"dept": "orthopedics", "campus": "main"}),
    ("campus", "East Campus pediatrics", {"dept": "pediatrics", "campus": "east"}),
    ("campus", "西院 妇产科", {"dept": "obstetrics-gynecology", "campus": "west"}),
    ("traditional", "{t6}", {"name": "{n6}"}),
    ("traditional", "{t7}", {"name": "{n7}"}),
    ("traditional", "心內科", {"dept": "cardiology"}),
    ("traditional", "神經外科", {"dept": "neurosurgery"}),
    ("traditional", "婦產科", {"dept": "obstetrics-gynecology"}),
    ("traditional", "腎內科", {"dept": "nephrology"}),
    ("traditional", "濕疹", {"cond": ["湿疹", "eczema"], "treat": ["dermatology"]}),
    ("name", "{n8}", {"name": "{n8}"}),
    ("name", "{n9}", {"name": "{n9}"}),
    ("name", "{e10}", {"name": "{e10}"}),
    ("pinyin", "{p11}", {"pinyin": "{p11}"}),
    ("pinyin", "{j12}", {"pinyin": "{p12}"}),
    ("initials", "{i13}", {"initials": "{i13}"}),
    ("typo", "cardiolgy", {"dept": "cardiology"}),
    ("typo", "neurosurgey", {"dept": "neurosurgery"}),
    ("typo", "diabtes", {"cond": ["diabetes", "type 2 diabetes"], "treat": ["endocrinology"]}),
    ("typo", "pediatircs", {"dept": "pediatrics"}),
    ("symptom", "头痛", {"symptom": ["neurology"], "cond": ["偏头痛", "migraine"]}),
    ("symptom", "咳嗽", {"symptom": ["respiratory"], "cond": ["慢性咳嗽", "chronic cough"]}),
    ("symptom", "headache", {"symptom": ["neurology"], "cond": ["migraine"]}),
    ("symptom", "toothache", {"symptom": ["stomatology"], "cond": ["tooth decay"]}),
    ("symptom", "rash", {"symptom": ["dermatology"], "cond": ["eczema", "hives"]}),
    ("english", "Orthopedics", {"dept": "orthopedics"}),
    ("english", "Neurosurgery", {"dept": "neurosurgery"}),
    ("english", "Thoracic Surgery", {"dept": "thoracic-surgery"}),
    ("english", "heart failure", {"cond": ["heart failure"], "treat": ["cardiology"]}),
    ("english", "hepatitis B", {"cond": ["hepatitis B"], "treat": ["infectious-diseases"]}),
]

# Traditional forms of the characters the generated names below use.
TRAD = str.maketrans({"邓": "鄧", "蒋": "蔣", "国": "國", "林": "林", "艳": "艷", "黄": "黃", "张": "張",
                      "陈": "陳", "刘": "劉", "杨": "楊", "赵": "趙", "郑": "鄭", "吴": "吳", "许": "許",
                      "冯": "馮", "韩": "韓", "伟": "偉", "丽": "麗", "军": "軍", "涛": "濤", "刚": "剛",
                      "华": "華", "辉": "輝", "鹏": "鵬", "晓": "曉", "东": "東", "红": "紅", "静": "靜",
                      "颖": "穎", "萧": "蕭", "肖": "肖", "龙": "龍", "云": "雲", "凤": "鳳", "宁": "寧",
                      "汤": "湯", "董": "董", "崔": "崔", "姚": "姚", "洁": "潔", "波": "波", "健": "健"})


def generated_names(ds):
    """Doctors of the generated data picked by position, for the name queries."""
    docs = ds["doctors"]
    pick = {}
    # Skip names that occur more than once where one doctor is meant.
    count = {}
    for d in docs:
        count[d["name"]["zh"]] = count.get(d["name"]["zh"], 0) + 1
    singles = [d for d in docs if count[d["name"]["zh"]] == 1]
    for k in range(14):
        d = singles[(k * 37 + 5) % len(singles)]
        zh = d["name"]["zh"]
        sylls = toneless(d["pinyin"]).split()
        pick[f"n{k}"] = zh
        pick[f"s{k}"] = zh[0]
        pick[f"e{k}"] = d["name"]["en"]
        pick[f"p{k}"] = " ".join(sylls)
        pick[f"j{k}"] = "".join(sylls)
        pick[f"i{k}"] = "".join(s[0] for s in sylls)
    # Traditional queries: names whose characters change.
    trad = [d for d in singles if d["name"]["zh"].translate(TRAD) != d["name"]["zh"]]
    for k, d in zip((6, 7), (trad[3], trad[11])):
        pick[f"n{k}"] = d["name"]["zh"]
        pick[f"t{k}"] = d["name"]["zh"].translate(TRAD)
    return pick


def fill(x, names):
    if isinstance(x, str):
        return x.format(**names)
    if isinstance(x, list):
        return [fill(v, names) for v in x]
    if isinstance(x, dict):
        return {k: fill(v, names) for k, v in x.items()}
    return x


# --- grading ------------------------------------------------------------------------

def dept_names(ds, id_):
    d = next(x for x in ds["departments"] if x["id"] == id_)
    return [t for t in texts(d["name"])]


def sessions_at(doc, campus):
    return any(s.get("campus") == campus for s in doc.get("schedule", []))


def listed(doc):
    return [fold(t) for x in doc.get("specialties", []) + doc.get("conditions", []) for t in texts(x)]


def bio(doc):
    return [fold(t) for t in texts(doc.get("bio")) + [t for e in doc.get("education", []) for t in texts(e)]]


def grade(ds, doc, intent):
    if "campus" in intent and len(intent) == 1:
        return 3 if sessions_at(doc, intent["campus"]) else 0
    g = 0
    if "dept" in intent:
        if intent["dept"] in doc["departments"]:
            g = 3
        else:
            names = [fold(n) for n in dept_names(ds, intent["dept"])]
            if any(n in t for n in names for t in bio(doc) + listed(doc)):
                g = 1
    if "cond" in intent:
        conds = [fold(c) for c in intent["cond"]]
        mine = listed(doc)
        if any(c == t for c in conds for t in mine):
            g = 3
        elif any(c in t for c in conds for t in mine) or any(d in doc["departments"] for d in intent.get("treat", [])):
            g = 2
        elif any(c in t for c in conds for t in bio(doc)):
            g = 1
    if "symptom" in intent:
        conds = [fold(c) for c in intent["cond"]]
        if any(d in doc["departments"] for d in intent["symptom"]):
            g = 3 if any(c in t for c in conds for t in listed(doc)) else 2
        elif conds and any(c in t for c in conds for t in listed(doc)):
            g = 2
    if "campus" in intent and g > 0 and not sessions_at(doc, intent["campus"]):
        g = 1
    if "name" in intent:
        want = fold(intent["name"])
        names = [fold(n) for n in texts(doc["name"])]
        if want in names:
            g = 3
        elif any(want in n for n in names):
            g = 1
    if "surname" in intent:
        zh = doc["name"].get("zh", "")
        if zh.startswith(intent["surname"]):
            g = 3
    if "surname_en" in intent:
        en = doc["name"].get("en", "")
        if en.split()[-1:] == [intent["surname_en"]]:
            g = 3
    if "ranks" in intent and g == 3 and doc["title"] not in intent["ranks"]:
        g = 1
    if "pinyin" in intent:
        p = toneless(doc.get("pinyin"))
        want = intent["pinyin"]
        if p == want or p.replace(" ", "") == want.replace(" ", ""):
            g = 3
        elif p.startswith(want + " "):
            g = 1
    if "initials" in intent:
        sylls = toneless(doc.get("pinyin")).split()
        ini = "".join(s[0] for s in sylls)
        if ini == intent["initials"]:
            g = 3
        elif sylls and ini.startswith(intent["initials"]):
            g = 1
    return g


def judge(ds, name, queries):
    out = []
    for cls, q, intent in queries:
        grades = {}
        for doc in ds["doctors"]:
            g = grade(ds, doc, intent)
            if g:
                grades[doc["id"]] = g
        if not any(g >= 2 for g in grades.values()):
            sys.exit(f"{name}: query {q!r} ({cls}) has no relevant doctor: check its intent {intent}")
        out.append({"dataset": name, "class": cls, "q": q, "intent": intent, "grades": grades})
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    written = json.load(open(os.path.join(HERE, "hospital.json"), encoding="utf-8"))
    generated = json.load(open(sys.argv[1], encoding="utf-8"))
    names = generated_names(generated)
    gen = [(c, fill(q, names), fill(i, names)) for c, q, i in GENERATED]
    queries = judge(written, "written", WRITTEN) + judge(generated, "generated", gen)
    doc = {
        "about": "Graded judgments for the search relevance test; written by data/relevance/judge.py, see its header.",
        "datasets": {
            "written": "data/relevance/hospital.json",
            "generated": "hospital-data generate --doctors 1000 --articles 0 --seed 1",
        },
        "queries": queries,
    }
    with open(os.path.join(HERE, "judgments.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1, sort_keys=False)
        f.write("\n")
    by = {}
    for q in queries:
        by[(q["dataset"], q["class"])] = by.get((q["dataset"], q["class"]), 0) + 1
    print(f"{len(queries)} queries:", ", ".join(f"{d}/{c} {n}" for (d, c), n in sorted(by.items())))


if __name__ == "__main__":
    main()
