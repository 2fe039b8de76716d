//! Chinese names with their pinyin and English spelling, shared by the synthetic
//! hospitals of the search property tests and of the search benchmark, so that both
//! exercise the same spellings (a 吕 for the ü of lǚ, pinyin with tone marks).

// Included by path into each user, which takes only what it needs.
#![allow(dead_code)]

/// Surname, pinyin, English spelling. The first [`FEW_SURNAMES`] are the property
/// tests' small set, where names collide on purpose.
pub const SURNAMES: &[(&str, &str, &str)] = &[
    ("张", "zhāng", "Zhang"),
    ("王", "wáng", "Wang"),
    ("李", "lǐ", "Li"),
    ("刘", "liú", "Liu"),
    ("陈", "chén", "Chen"),
    ("吕", "lǚ", "Lü"),
    ("杨", "yáng", "Yang"),
    ("黄", "huáng", "Huang"),
    ("赵", "zhào", "Zhao"),
    ("吴", "wú", "Wu"),
    ("周", "zhōu", "Zhou"),
    ("徐", "xú", "Xu"),
    ("孙", "sūn", "Sun"),
    ("马", "mǎ", "Ma"),
    ("朱", "zhū", "Zhu"),
    ("胡", "hú", "Hu"),
    ("郭", "guō", "Guo"),
    ("何", "hé", "He"),
    ("高", "gāo", "Gao"),
    ("林", "lín", "Lin"),
    ("罗", "luó", "Luo"),
    ("郑", "zhèng", "Zheng"),
    ("梁", "liáng", "Liang"),
    ("谢", "xiè", "Xie"),
    ("宋", "sòng", "Song"),
    ("唐", "táng", "Tang"),
    ("许", "xǔ", "Xu"),
    ("韩", "hán", "Han"),
    ("冯", "féng", "Feng"),
    ("邓", "dèng", "Deng"),
    ("曹", "cáo", "Cao"),
    ("彭", "péng", "Peng"),
    ("曾", "zēng", "Zeng"),
    ("苏", "sū", "Su"),
    ("卢", "lú", "Lu"),
    ("蒋", "jiǎng", "Jiang"),
];

/// Given name, pinyin, English spelling; the first [`FEW_GIVEN`] are the small set.
pub const GIVEN: &[(&str, &str, &str)] = &[
    ("伟", "wěi", "Wei"),
    ("芳", "fāng", "Fang"),
    ("娜", "nà", "Na"),
    ("敏", "mǐn", "Min"),
    ("欣", "xīn", "Xin"),
    ("静", "jìng", "Jing"),
    ("丽", "lì", "Li"),
    ("强", "qiáng", "Qiang"),
    ("磊", "lěi", "Lei"),
    ("军", "jūn", "Jun"),
    ("洋", "yáng", "Yang"),
    ("勇", "yǒng", "Yong"),
    ("艳", "yàn", "Yan"),
    ("杰", "jié", "Jie"),
    ("娟", "juān", "Juan"),
    ("涛", "tāo", "Tao"),
    ("明", "míng", "Ming"),
    ("超", "chāo", "Chao"),
    ("秀", "xiù", "Xiu"),
    ("霞", "xiá", "Xia"),
    ("平", "píng", "Ping"),
    ("刚", "gāng", "Gang"),
    ("桂", "guì", "Gui"),
    ("英", "yīng", "Ying"),
    ("华", "huá", "Hua"),
    ("文", "wén", "Wen"),
    ("辉", "huī", "Hui"),
    ("建", "jiàn", "Jian"),
    ("玲", "líng", "Ling"),
    ("宇", "yǔ", "Yu"),
    ("浩", "hào", "Hao"),
    ("婷", "tíng", "Ting"),
    ("晨", "chén", "Chen"),
    ("鹏", "péng", "Peng"),
    ("雪", "xuě", "Xue"),
    ("琳", "lín", "Lin"),
    ("斌", "bīn", "Bin"),
    ("峰", "fēng", "Feng"),
    ("慧", "huì", "Hui"),
    ("颖", "yǐng", "Ying"),
];

pub const FEW_SURNAMES: usize = 6;
pub const FEW_GIVEN: usize = 5;
