// The benchmark corpus: a fictional province's catalog assembled from administrative prose (corpus.h).
#include "corpus.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <string_view>

#include "agencies/credit_code.h"
#include "platform/time.h"

namespace gk::bench {
namespace {

// splitmix64: small, fast and the same everywhere (std:: distributions are not).
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  size_t below(size_t n) { return n ? static_cast<size_t>(next() % n) : 0; }
  int range(int lo, int hi) { return lo + static_cast<int>(below(static_cast<size_t>(hi - lo + 1))); }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }
  template <class T, size_t N>
  const T& pick(const std::array<T, N>& v) { return v[below(N)]; }
  // Index drawn with the given weights.
  size_t weighted(const std::vector<double>& w) {
    double sum = 0;
    for (double x : w) sum += x;
    double r = unit() * sum;
    for (size_t k = 0; k < w.size(); ++k) {
      if ((r -= w[k]) < 0) return k;
    }
    return w.size() - 1;
  }

 private:
  uint64_t s_;
};

uint64_t mix(uint64_t a, uint64_t b) {
  Rng r(a * 0x9E3779B97F4A7C15ULL + b);
  return r.next();
}

using SV = std::string_view;

// --- topics: what a document is about, the 主题分类 it files under, and sentences only it uses -----
struct Topic {
  SV name;     // 征收补偿
  SV subject;  // 主题分类 code
  std::vector<SV> lines;  // topic sentences; {t} topic, {a} agency, {p} place, {y} year, {n} number, {m} money
};

// Fields: 0 government (any topic), then one per kind of department.
enum Field { kGov, kFin, kLand, kHousing, kEdu, kHealth, kHr, kCivil, kEnv, kTransport, kAgri, kEmergency,
             kMarket, kWater, kDev, kJustice, kPolice, kFieldCount };

struct FieldTopics {
  Field field;
  std::vector<Topic> topics;
};

const std::vector<FieldTopics>& topics_by_field() {
  static const std::vector<FieldTopics> t = {
      {kGov,
       {{"政府信息公开", "0201",
         {"根据《中华人民共和国政府信息公开条例》的规定，现将{a}{y}年度政府信息公开工作情况报告如下。",
          "{y}年，{a}共收到政府信息公开申请{n}件，其中当面申请{n}件，网络申请{n}件，信函申请{n}件。",
          "本年度主动公开政府信息{n}条，其中规范性文件{n}件，政府信息公开目录更新{n}次。",
          "因政府信息公开工作被申请行政复议{n}件，被提起行政诉讼{n}件，均已依法办结。",
          "政府信息公开工作存在的主要问题是公开内容不够全面、解读回应不够及时，下一步将加强培训。"}},
        {"政务公开", "0201",
         {"全面推进决策、执行、管理、服务、结果公开，不断提升政务公开标准化规范化水平。",
          "各级行政机关要按照“以公开为常态、不公开为例外”的原则，及时准确公开政府信息。",
          "加强政府信息公开平台建设，规范政府网站信息发布，做好政策解读和回应关切工作。"}},
        {"政府工作报告", "0201",
         {"过去一年，全{l}地区生产总值增长{n}%，一般公共预算收入完成{m}亿元。",
          "{y}年政府工作的总体要求是：坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。",
          "政府工作报告确定的{n}项重点任务已全部分解到各责任单位，并按季度督查通报。"}},
        {"行政审批制度改革", "0302",
         {"深化“放管服”改革，全面推行行政审批事项清单管理，取消和下放行政审批事项{n}项。",
          "推进政务服务“一网通办”，实现{n}个高频事项“最多跑一次”。"}},
        {"常务会议", "0205",
         {"会议听取了关于{t2}工作情况的汇报，研究部署了下一阶段重点工作。",
          "会议强调，要提高政治站位，压实工作责任，确保各项决策部署落地见效。"}},
        {"机构改革", "0103",
         {"按照机构改革方案，{a}的职能配置、内设机构和人员编制作相应调整。",
          "机构改革期间，各部门要严肃工作纪律，确保思想不乱、队伍不散、工作不断。"}},
        {"政务督查", "0202",
         {"督查组采取听取汇报、查阅资料、实地察看等方式，对{n}个单位进行了督查。",
          "对督查中发现的问题，要建立台账、明确时限，逐项整改销号。"}}}},
      {kFin,
       {{"部门预算", "0401",
         {"{y}年{a}收入预算{m}万元，支出预算{m}万元，其中基本支出{m}万元，项目支出{m}万元。",
          "部门预算按照“统筹兼顾、保障重点、勤俭节约、收支平衡”的原则编制。",
          "本部门无政府性基金预算收入，也没有使用政府性基金预算拨款安排的支出。"}},
        {"三公经费", "0401",
         {"{y}年“三公”经费财政拨款支出预算{m}万元，比上年减少{m}万元，主要原因是严格落实过紧日子要求。",
          "其中因公出国（境）费{m}万元，公务用车购置及运行费{m}万元，公务接待费{m}万元。",
          "三公经费支出严格执行中央八项规定精神，公务接待一律按标准执行。"}},
        {"部门决算", "0401",
         {"{y}年度{a}收入总计{m}万元，支出总计{m}万元，年末结转和结余{m}万元。",
          "决算数与预算数存在差异的主要原因是年中追加了{t2}专项资金。"}},
        {"政府采购", "0401",
         {"本项目采用公开招标方式采购，预算金额{m}万元，最高限价{m}万元。",
          "供应商应当具备《中华人民共和国政府采购法》第二十二条规定的条件。",
          "政府采购意向公开时间应当尽量提前，原则上不得晚于采购活动开始前30日。"}},
        {"专项债券", "0401",
         {"{y}年共发行地方政府专项债券{m}亿元，主要用于{t2}等重大项目建设。",
          "专项债券资金严格实行穿透式监测，确保资金使用合规、项目按期建成。"}},
        {"国有资产", "0305",
         {"截至{y}年底，{a}国有资产总额{m}万元，其中固定资产{m}万元。",
          "严格执行国有资产配置、使用、处置审批程序，防止国有资产流失。"}}}},
      {kLand,
       {{"征收补偿", "0501",
         {"本次征收土地位于{p}，涉及集体土地{n}亩，征收补偿安置方案已经依法公告。",
          "土地补偿费和安置补助费按照区片综合地价标准执行，每亩{m}万元。",
          "被征地农民社会保障费用按规定足额纳入征地补偿安置费用。",
          "对征收补偿安置方案有异议的，可以在公告之日起30日内提出听证申请。"}},
        {"国土空间规划", "1001",
         {"国土空间总体规划确定了生态保护红线、永久基本农田和城镇开发边界三条控制线。",
          "规划期限为{y}年至2035年，规划范围为{p}全域。"}},
        {"耕地保护", "0501",
         {"严格落实耕地保护目标责任，坚决遏制耕地“非农化”、防止耕地“非粮化”。",
          "{y}年全{l}补充耕地{n}亩，实现耕地占补平衡。"}},
        {"地质灾害防治", "0501",
         {"全{l}共有地质灾害隐患点{n}处，均已落实群测群防员和监测预警措施。",
          "汛期要加强地质灾害隐患点巡查排查，发现险情及时组织群众转移避险。"}},
        {"矿产资源", "0502",
         {"采矿权出让实行“净矿”出让，竞得人应当按规定缴纳矿业权出让收益。",
          "开展非法采矿专项整治，依法查处无证开采、越界开采等违法行为。"}},
        {"不动产登记", "0501",
         {"不动产登记实行“一窗受理、集成服务”，一般登记业务在{n}个工作日内办结。",
          "申请人可通过不动产登记网上办事大厅申请查询不动产登记资料。"}}}},
      {kHousing,
       {{"国有土地上房屋征收", "1002",
         {"因{p}旧城区改建需要，决定对该片区国有土地上房屋实施征收，涉及被征收房屋{n}户。",
          "被征收人可以选择货币补偿，也可以选择房屋产权调换。",
          "被征收房屋价值由具有相应资质的房地产价格评估机构按照征收决定公告之日的市场价格评估确定。",
          "对在签约期限内签订补偿协议并按时搬迁的被征收人，给予每户{m}万元的搬迁奖励。"}},
        {"老旧小区改造", "1002",
         {"{y}年计划改造城镇老旧小区{n}个，涉及居民{n}户，建筑面积{n}万平方米。",
          "老旧小区改造内容包括水电气路等基础设施改造和加装电梯等完善类改造。"}},
        {"公共租赁住房", "1002",
         {"公共租赁住房面向城镇中等偏下收入住房困难家庭、新就业无房职工和外来务工人员配租。",
          "申请人应当如实申报家庭收入和住房状况，并对申报材料的真实性负责。"}},
        {"建筑施工安全", "1002",
         {"开展建筑施工安全生产专项整治，重点检查深基坑、高支模和起重机械等危险性较大的分部分项工程。",
          "对存在重大安全隐患的在建项目，一律责令停工整改。"}},
        {"住房公积金", "1002",
         {"住房公积金缴存基数为职工本人上一年度月平均工资，缴存比例为5%至12%。",
          "职工购买自住住房的，可以申请提取住房公积金或者申请住房公积金贷款。"}},
        {"物业管理", "1002",
         {"业主大会和业主委员会应当依法履行职责，维护业主合法权益。",
          "物业服务企业应当按照物业服务合同约定提供服务，公示收费项目和标准。"}}}},
      {kEdu,
       {{"义务教育", "1102",
         {"{y}年义务教育阶段招生工作坚持免试就近入学原则，严禁以任何形式的考试选拔学生。",
          "适龄儿童少年由其法定监护人持户口簿和房产证明到学区学校报名。"}},
        {"学前教育", "1102",
         {"扩大普惠性学前教育资源，{y}年新建、改扩建公办幼儿园{n}所。",
          "幼儿园收费标准由价格主管部门会同教育部门核定，并向社会公示。"}},
        {"校园安全", "1102",
         {"各学校要落实校园安全主体责任，开展防溺水、防欺凌和交通安全教育。"}},
        {"教师招聘", "1503",
         {"{y}年公开招聘中小学教师{n}名，招聘岗位、人数和条件详见附件。",
          "报考人员须具有相应学段和学科的教师资格证书。"}},
        {"学生资助", "1102",
         {"家庭经济困难学生可申请国家助学金，资助标准为每生每年{n}元。"}}}},
      {kHealth,
       {{"基本公共卫生服务", "1301",
         {"{y}年人均基本公共卫生服务经费补助标准提高到{n}元。",
          "为辖区常住居民免费建立居民健康档案，开展健康教育和慢性病患者健康管理。"}},
        {"疫苗接种", "1301",
         {"适龄儿童应当按照国家免疫规划按时接种疫苗，接种单位不得收取任何费用。",
          "接种后应当留观30分钟，如出现异常反应请及时向接种单位报告。"}},
        {"医疗保障", "1502",
         {"城乡居民基本医疗保险{y}年度个人缴费标准为每人每年{n}元。",
          "参保人员在定点医疗机构住院发生的政策范围内费用，按规定比例报销。"}},
        {"家庭医生签约", "1301",
         {"推进家庭医生签约服务，重点人群签约服务覆盖率达到{n}%以上。"}},
        {"传染病防控", "1301",
         {"各医疗机构要落实传染病疫情报告制度，发现法定传染病按规定时限报告。"}}}},
      {kHr,
       {{"就业创业", "1501",
         {"对首次创业且正常经营一年以上的高校毕业生，给予一次性创业补贴{n}元。",
          "{y}年城镇新增就业{n}人，城镇登记失业率控制在{n}%以内。"}},
        {"社会保险", "1502",
         {"城乡居民基本养老保险个人缴费标准设为每年{n}个档次，参保人自主选择档次缴费。",
          "企业职工基本养老保险单位缴费比例为16%。"}},
        {"事业单位公开招聘", "1503",
         {"本次公开招聘坚持德才兼备的用人标准，按照民主、公开、竞争、择优的原则进行。",
          "招聘采取笔试与面试相结合的方式进行，笔试成绩和面试成绩各占50%。",
          "报名时间为{d}至{d}，逾期不再受理。"}},
        {"职业技能培训", "1501",
         {"对参加职业技能培训并取得证书的劳动者，按规定给予职业培训补贴。"}},
        {"根治欠薪", "1501",
         {"全面落实农民工工资专用账户、实名制管理和工资保证金制度，确保农民工工资按时足额支付。",
          "对拒不支付劳动报酬的用人单位，依法列入拖欠农民工工资失信联合惩戒对象名单。"}}}},
      {kCivil,
       {{"最低生活保障", "1703",
         {"城市最低生活保障标准调整为每人每月{n}元，农村最低生活保障标准调整为每人每年{n}元。",
          "最低生活保障实行申请、审核、确认和公示制度，确保应保尽保。"}},
        {"养老服务", "1703",
         {"对80周岁以上老年人按月发放高龄津贴，标准为每人每月{n}元。",
          "加快建设居家社区养老服务网络，{y}年新建社区养老服务中心{n}个。"}},
        {"殡葬管理", "1707",
         {"推进殡葬改革，倡导文明节俭治丧，严禁在耕地、林地内乱埋乱葬。",
          "对城乡困难群众实行基本殡葬服务费用减免。"}},
        {"社会救助", "1703",
         {"对遭遇突发事件、意外伤害导致基本生活暂时出现严重困难的家庭，给予临时救助。"}},
        {"残疾人两项补贴", "1703",
         {"困难残疾人生活补贴和重度残疾人护理补贴标准分别为每人每月{n}元和{n}元。"}}}},
      {kEnv,
       {{"大气污染防治", "1003",
         {"{y}年全{l}空气质量优良天数比例达到{n}%，细颗粒物平均浓度同比下降。",
          "严格落实工地扬尘“六个百分之百”措施，加强道路扬尘和餐饮油烟治理。"}},
        {"水污染防治", "1003",
         {"加强饮用水水源地保护，依法取缔饮用水水源保护区内的排污口。"}},
        {"环境影响评价", "1003",
         {"经审查，该项目在落实环境影响报告书提出的各项污染防治措施后，环境不利影响能够得到缓解。",
          "现将拟作出审批意见的建设项目环境影响评价文件基本情况予以公示，公示期为5个工作日。"}},
        {"秸秆禁烧", "1003",
         {"全{l}行政区域内禁止露天焚烧农作物秸秆，违者依法予以处罚。"}},
        {"生态环境保护", "1003",
         {"坚持绿水青山就是金山银山理念，深入打好污染防治攻坚战。",
          "中央生态环境保护督察反馈问题整改任务已完成{n}项。"}}}},
      {kTransport,
       {{"农村公路", "0707",
         {"{y}年新改建农村公路{n}公里，实施危桥改造{n}座。",
          "农村公路管理养护实行“路长制”，落实县乡村三级责任。"}},
        {"道路运输", "0707",
         {"道路运输经营者应当依法取得道路运输经营许可证，按照核定的线路和班次运行。"}},
        {"交通管制", "0707",
         {"因{p}道路施工需要，自{d}起对相关路段实施交通管制，请过往车辆绕行。"}},
        {"公交优先", "0707",
         {"优化城市公交线网，新开通公交线路{n}条，更新新能源公交车{n}辆。"}}}},
      {kAgri,
       {{"乡村振兴", "1706",
         {"全面推进乡村振兴，巩固拓展脱贫攻坚成果，守住不发生规模性返贫的底线。",
          "{y}年统筹衔接推进乡村振兴补助资金{m}万元，支持{n}个村发展特色产业。"}},
        {"高标准农田建设", "0601",
         {"{y}年建设高标准农田{n}万亩，项目区涉及{n}个乡镇。",
          "高标准农田建设项目实行项目法人制、招标投标制、工程监理制和合同管理制。"}},
        {"农民专业合作社", "0601",
         {"对评定为示范社的农民专业合作社，给予一次性奖补{n}万元。"}},
        {"动物防疫", "0601",
         {"春季重大动物疫病集中免疫要做到应免尽免，免疫密度常年保持在90%以上。"}},
        {"粮食生产", "0601",
         {"落实粮食安全党政同责，{y}年粮食播种面积稳定在{n}万亩以上。",
          "实际种粮农民一次性补贴资金已直接发放到农户“一卡通”账户。"}}}},
      {kEmergency,
       {{"安全生产", "0905",
         {"各地各部门要牢固树立安全发展理念，坚决防范遏制重特大生产安全事故。",
          "全面开展安全生产大排查大整治，排查一般隐患{n}处，已整改{n}处。"}},
        {"森林防火", "0602",
         {"森林防火期内，禁止在森林防火区野外用火，严禁上坟烧纸、燃放烟花爆竹。",
          "对违反规定野外用火的，依法予以处罚；构成犯罪的，依法追究刑事责任。"}},
        {"防汛抗旱", "0603",
         {"进入主汛期，各级防汛抗旱指挥部要严格执行24小时值班和领导带班制度。",
          "对山洪地质灾害危险区群众，要提前组织转移，确保人民群众生命安全。"}},
        {"危险化学品", "0905",
         {"危险化学品生产经营单位要落实安全生产主体责任，严格执行重大危险源管理制度。"}},
        {"应急预案", "0203",
         {"本预案适用于{p}行政区域内突发事件的预防与应急处置工作。",
          "突发事件发生后，事发地人民政府应当立即启动应急响应，组织开展先期处置。"}}}},
      {kMarket,
       {{"食品安全", "0904",
         {"{y}年食品安全监督抽检{n}批次，合格率{n}%，对不合格产品已依法处置。",
          "落实食品安全“两个责任”，督促企业严格落实食品安全主体责任。"}},
        {"药品安全", "0904",
         {"加强药品零售企业监督检查，严厉打击非法销售处方药等违法行为。"}},
        {"特种设备", "0902",
         {"电梯、锅炉、压力容器等特种设备使用单位应当按规定申报定期检验。"}},
        {"价格监督", "0304",
         {"经营者应当明码标价，不得在标价之外加价出售商品或者收取未予标明的费用。"}},
        {"双随机一公开", "0901",
         {"按照“双随机一公开”要求，随机抽取检查对象、随机选派执法检查人员，抽查结果及时向社会公开。"}}}},
      {kWater,
       {{"河长制", "0603",
         {"全面落实河长制湖长制，各级河长累计巡河{n}次，解决河湖问题{n}个。",
          "开展河湖“清四乱”专项行动，清理乱占、乱采、乱堆、乱建问题。"}},
        {"农村饮水安全", "0603",
         {"{y}年巩固提升农村饮水安全工程{n}处，受益人口{n}万人。"}},
        {"水土保持", "0603",
         {"生产建设项目应当依法编制水土保持方案，并按规定缴纳水土保持补偿费。"}},
        {"水资源管理", "0503",
         {"实行最严格水资源管理制度，严格控制用水总量和用水强度。"}}}},
      {kDev,
       {{"营商环境", "0302",
         {"持续优化营商环境，全面推行证明事项告知承诺制，企业开办时间压缩至{n}个工作日。",
          "建立健全政企沟通机制，依法保护各类市场主体合法权益。"}},
        {"重大项目", "0306",
         {"{y}年安排省市重点项目{n}个，总投资{m}亿元，年度计划投资{m}亿元。"}},
        {"国民经济和社会发展计划", "0301",
         {"{y}年国民经济和社会发展计划的主要预期目标是：地区生产总值增长{n}%左右。"}},
        {"招标投标", "0306",
         {"依法必须招标的项目，应当在公共资源交易平台公开进行，严禁规避招标。"}},
        {"统计公报", "0303",
         {"全年全{l}地区生产总值{m}亿元，按不变价格计算，比上年增长{n}%。",
          "全年居民人均可支配收入{n}元，比上年增长{n}%。"}}}},
      {kJustice,
       {{"法治政府建设", "1603",
         {"{y}年，{a}深入学习贯彻习近平法治思想，全面推进法治政府建设。",
          "严格落实重大行政决策程序，重大行政决策均经合法性审查和集体讨论决定。"}},
        {"行政复议", "1603",
         {"{y}年共收到行政复议申请{n}件，依法受理{n}件，纠错率{n}%。"}},
        {"法律援助", "1603",
         {"经济困难公民和符合法定条件的其他当事人可以申请法律援助。"}},
        {"规范性文件清理", "1603",
         {"经清理，决定废止规范性文件{n}件，宣布失效{n}件，继续有效{n}件。"}},
        {"人民调解", "1603",
         {"全{l}共有人民调解委员会{n}个，{y}年调解各类矛盾纠纷{n}件，调解成功率{n}%。"}}}},
      {kPolice,
       {{"烟花爆竹燃放", "1601",
         {"城区范围内全年禁止燃放烟花爆竹，违反规定的由公安机关依法予以处罚。"}},
        {"户籍管理", "1601",
         {"全面放开城镇落户限制，居民凭合法稳定住所即可申请登记常住户口。"}},
        {"治安管理", "1601",
         {"依法严厉打击电信网络诈骗、盗窃等多发性侵财犯罪，切实维护社会治安稳定。"}}}},
  };
  return t;
}

struct Dept {
  SV name;   // 财政局
  SV abbr;   // 文号代字: 财
  Field field;
  double weight;  // how much it publishes
};

const std::vector<Dept>& departments() {
  static const std::vector<Dept> d = {
      {"发展和改革委员会", "发改", kDev, 1.0},    {"教育局", "教", kEdu, 1.2},
      {"公安局", "公", kPolice, 0.5},             {"民政局", "民", kCivil, 1.0},
      {"司法局", "司", kJustice, 0.6},            {"财政局", "财", kFin, 1.6},
      {"人力资源和社会保障局", "人社", kHr, 1.3}, {"自然资源局", "自然资源", kLand, 1.5},
      {"生态环境局", "环", kEnv, 0.9},            {"住房和城乡建设局", "建", kHousing, 1.4},
      {"交通运输局", "交", kTransport, 0.7},      {"水利局", "水", kWater, 0.7},
      {"农业农村局", "农", kAgri, 1.1},           {"卫生健康委员会", "卫健", kHealth, 1.0},
      {"应急管理局", "应急", kEmergency, 0.9},    {"市场监督管理局", "市监", kMarket, 1.1},
  };
  return d;
}

constexpr std::array<SV, 6> kCities = {"云川", "临江", "安平", "石门", "长宁", "白沙"};
constexpr std::array<SV, 30> kCounties = {"东湖", "龙泉", "清河", "永安", "桃源", "平川", "新丰", "凤鸣", "金溪", "玉山",
                                          "南屏", "北辰", "青松", "兴隆", "华阳", "宝丰", "天池", "鹤山", "泰和", "嘉禾",
                                          "柳溪", "梅岭", "石泉", "广安", "福宁", "瑞昌", "丰城", "宁远", "长乐", "崇阳"};
constexpr std::array<SV, 12> kTowns = {"城关镇", "马头镇", "黄龙乡", "白石镇", "杨柳乡", "三江镇",
                                       "大坪乡", "河口镇", "青山乡", "沙溪镇", "高桥镇", "双龙乡"};
constexpr std::array<SV, 16> kStreets = {"人民路", "解放路", "建设路", "中山路", "滨江路", "新华街", "文化路", "健康路",
                                         "和平路", "胜利街", "朝阳路", "东风路", "环城路", "工业大道", "学府路", "站前路"};
constexpr std::array<SV, 10> kProjects = {"棚户区改造", "城中村改造", "道路拓宽工程", "污水处理厂", "保障性住房",
                                          "工业园区", "产业园基础设施", "综合客运枢纽", "学校建设", "体育公园"};
constexpr std::array<SV, 12> kPlans = {"实施方案", "工作方案", "管理办法", "实施细则", "三年行动计划", "工作要点",
                                       "考核办法", "应急预案", "专项整治方案", "暂行办法", "若干措施", "资金管理办法"};
constexpr std::array<SV, 10> kActions = {"进一步加强", "做好", "加快推进", "全面推进", "深入开展",
                                         "切实做好", "进一步规范", "持续深化", "扎实推进", "统筹做好"};

// Sentences any document may use.
constexpr std::array<SV, 22> kCommon = {
    "为深入贯彻落实党中央、国务院关于{t}的决策部署，进一步提高{t}工作水平，结合我{l}实际，制定本方案。",
    "经{a}研究同意，现将《{t}{pl}》印发给你们，请结合实际认真贯彻执行。",
    "各地各部门要提高思想认识，加强组织领导，确保各项工作任务落到实处。",
    "各有关单位要按照职责分工，密切配合，形成工作合力。",
    "要加强督促检查，对工作推进不力的单位予以通报。",
    "各单位要于{d}前将工作开展情况报送{a}。",
    "本{g}自印发之日起施行，有效期{n}年。",
    "如有疑问，请在工作日内与{a}联系，联系电话：0{n}-{n}。",
    "坚持以人民为中心的发展思想，着力解决人民群众急难愁盼问题。",
    "坚持问题导向、目标导向和结果导向，统筹发展和安全。",
    "建立健全长效机制，推动{t}工作制度化、规范化、常态化。",
    "加大财政投入，统筹使用上级补助资金和本级财政资金。",
    "充分利用报刊、广播、电视和政府网站等渠道，加强政策宣传解读。",
    "对工作中涌现出的先进典型，要及时总结推广。",
    "各乡镇人民政府、街道办事处要切实履行属地管理责任。",
    "县直各部门要加强协调配合，及时研究解决工作中遇到的困难和问题。",
    "严格落实中央八项规定及其实施细则精神，持续纠治形式主义、官僚主义。",
    "{y}年以来，在{a}的坚强领导下，全{l}{t}工作取得明显成效。",
    "截至{d}，已累计完成投资{m}万元，占年度计划的{n}%。",
    "公民、法人或者其他组织对本决定不服的，可以依法申请行政复议或者提起行政诉讼。",
    "申请人可以通过信函、电子邮件、网上申请等方式向行政机关提出政府信息公开申请。",
    "请各地结合实际，认真组织实施。",
};

constexpr std::array<SV, 8> kSectionHeads = {"总体要求", "主要任务", "保障措施", "工作目标",
                                             "实施步骤", "工作措施", "有关要求", "组织领导"};
constexpr std::array<SV, 10> kNumerals = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

// --- agencies ----------------------------------------------------------------------------------
struct Agency {
  int64_t id = 0;
  std::string name;      // 云川市财政局
  std::string place;     // 云川市
  std::string level_cn;  // 省 / 市 / 县 / 镇 (全{l})
  std::string issuer;    // 文号 prefix: 云财 / 云政
  Field field = kGov;
  bool office = false;  // 人民政府办公室
  double weight = 1;
  std::string credit;
  std::vector<int64_t> columns;
  int64_t serial = 0;  // last 索引号 serial of the current year
  int serial_year = 0;
  int doc_no = 0;      // last 文号 number of the current year
};

std::string cat(std::initializer_list<SV> parts) {
  std::string s;
  for (SV p : parts) s.append(p);
  return s;
}

std::string first_char(SV s) { return std::string(s.substr(0, 3)); }  // one CJK character in UTF-8

// Replaces {t} {t2} {a} {p} {l} {y} {d} {n} {m} {pl} {g} in a template.
struct Fill {
  const Agency* ag;
  SV topic, topic2, plan, genre;
  int year;
  Rng* rng;
};

std::string date_in(Rng& r, int year) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%d年%d月%d日", year, r.range(1, 12), r.range(1, 28));
  return buf;
}

void expand(std::string& out, SV tpl, const Fill& f) {
  for (size_t k = 0; k < tpl.size();) {
    if (tpl[k] != '{') {
      out += tpl[k++];
      continue;
    }
    const size_t end = tpl.find('}', k);
    const SV key = tpl.substr(k + 1, end - k - 1);
    k = end + 1;
    Rng& r = *f.rng;
    if (key == "t") out.append(f.topic);
    else if (key == "t2") out.append(f.topic2);
    else if (key == "a") out += f.ag->name;
    else if (key == "p") {
      out += f.ag->place;
      if (r.chance(0.6)) out.append(r.pick(kStreets));
    } else if (key == "l") out += f.ag->level_cn;
    else if (key == "y") out += std::to_string(f.year - static_cast<int>(r.below(2)));
    else if (key == "d") out += date_in(r, f.year);
    else if (key == "n") out += std::to_string(r.range(2, r.chance(0.7) ? 99 : 3000));
    else if (key == "m") {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.2f", r.unit() * (r.chance(0.8) ? 500 : 20000));
      out += buf;
    } else if (key == "pl") out.append(f.plan);
    else if (key == "g") out.append(f.genre);
  }
}

const Topic& pick_topic(Rng& r, Field field, const Topic** second) {
  const auto& all = topics_by_field();
  // Governments write about everything, weighted towards their own topics; departments stick to their field.
  auto from = [&](Field fl) -> const std::vector<Topic>& {
    for (const auto& ft : all)
      if (ft.field == fl) return ft.topics;
    return all.front().topics;
  };
  Field f = field;
  if (field == kGov && r.chance(0.7)) f = all[1 + r.below(all.size() - 1)].field;
  const auto& ts = from(f);
  // Within a field, earlier topics are more common.
  std::vector<double> w;
  for (size_t k = 0; k < ts.size(); ++k) w.push_back(1.0 / (1.0 + 0.6 * static_cast<double>(k)));
  const Topic& t = ts[r.weighted(w)];
  const auto& other = all[r.below(all.size())].topics;
  *second = &other[r.below(other.size())];
  return t;
}

struct GenreSpec {
  SV code;
  SV name;
  double weight;
};
const std::vector<GenreSpec>& genre_specs() {
  static const std::vector<GenreSpec> g = {
      {"tongzhi", "通知", 30}, {"qita", "其他", 16},     {"gonggao", "公告", 8},  {"yijian", "意见", 6},
      {"guifanxing", "规范性文件", 6}, {"baogao", "报告", 6}, {"han", "函", 6},  {"pifu", "批复", 5},
      {"tonggao", "通告", 4},  {"jueding", "决定", 3},   {"tongbao", "通报", 3},  {"jiyao", "纪要", 2},
      {"gongbao", "公报", 1},  {"guizhang", "规章", 0.8}, {"mingling", "命令", 0.2}, {"jueyi", "决议", 0.3},
      {"qingshi", "请示", 0.2}, {"yian", "议案", 0.1}};
  return g;
}

struct Item {
  std::string title, doc_no, keywords, summary, body, subject, genre, date, validity;
};

Item make_item(Rng& r, Agency& ag, int year, int month, int day) {
  Item it;
  const auto& genres = genre_specs();
  std::vector<double> gw;
  for (const auto& g : genres) gw.push_back(g.weight);
  const GenreSpec& g = genres[r.weighted(gw)];
  const Topic* t2 = nullptr;
  const Topic& t = pick_topic(r, ag.field, &t2);
  const SV plan = r.pick(kPlans);
  const SV action = r.pick(kActions);
  Fill f{&ag, t.name, t2->name, plan, g.code == "tongzhi" ? SV("通知") : SV("办法"), year, &r};
  const std::string y = std::to_string(year);
  const std::string& a = ag.name;
  it.genre = std::string(g.code);
  it.subject = std::string(r.chance(0.85) ? t.subject : t.subject.substr(0, 2));

  // Title by genre.
  std::string& ti = it.title;
  const std::string place = ag.place;
  if (g.code == "tongzhi") {
    switch (r.below(5)) {
      case 0: ti = cat({a, "关于印发", t.name, plan, "的通知"}); break;
      case 1: ti = cat({a, "关于", action, y, "年", t.name, "工作的通知"}); break;
      case 2: ti = cat({"关于开展", t.name, "专项检查的通知"}); break;
      case 3: ti = cat({a, "办公室关于印发《", place, t.name, plan, "》的通知"}); break;
      default: ti = cat({"关于转发", t2->name, "有关文件的通知"}); break;
    }
  } else if (g.code == "yijian") {
    ti = r.chance(0.5) ? cat({a, "关于", action, t.name, "的实施意见"}) : cat({"关于", action, t.name, "工作的意见"});
  } else if (g.code == "gonggao") {
    switch (r.below(4)) {
      case 0: ti = cat({place, r.pick(kStreets), r.pick(kProjects), "国有土地上房屋征收补偿方案公告"}); break;
      case 1: ti = cat({"关于", place, r.pick(kProjects), "项目征收土地的公告"}); break;
      case 2: ti = cat({a, y, "年公开招聘工作人员公告"}); break;
      default: ti = cat({"关于", t.name, "有关事项的公告"}); break;
    }
  } else if (g.code == "tonggao") {
    ti = r.chance(0.5) ? cat({"关于", place, r.pick(kStreets), "实施交通管制的通告"})
                       : cat({a, "关于", t.name, "的通告"});
  } else if (g.code == "pifu") {
    ti = cat({a, "关于", place, r.pick(kProjects), r.chance(0.5) ? "可行性研究报告" : "初步设计", "的批复"});
  } else if (g.code == "baogao") {
    switch (r.below(3)) {
      case 0: ti = cat({a, y, "年政府信息公开工作年度报告"}); f.topic = "政府信息公开"; break;
      case 1: ti = cat({a, "关于", y, "年", t.name, "工作情况的报告"}); break;
      default: ti = cat({a, y, "年法治政府建设情况报告"}); break;
    }
  } else if (g.code == "jueding") {
    ti = r.chance(0.5) ? cat({a, "关于废止和修改部分", t.name, "规范性文件的决定"})
                       : cat({a, "关于表彰", y, "年度", t.name, "工作先进集体和先进个人的决定"});
  } else if (g.code == "guifanxing") {
    ti = cat({place, t.name, plan});
  } else if (g.code == "han") {
    ti = r.chance(0.6) ? cat({a, "对", place, "人大代表第", std::to_string(r.range(1, 300)), "号建议的答复函"})
                       : cat({a, "关于", t.name, "有关事项的函"});
  } else if (g.code == "tongbao") {
    ti = cat({a, "关于", y, "年", t.name, "督查情况的通报"});
  } else if (g.code == "jiyao") {
    ti = cat({a, "第", std::to_string(r.range(1, 60)), "次常务会议纪要"});
  } else if (g.code == "gongbao") {
    ti = cat({place, y, "年国民经济和社会发展统计公报"});
  } else if (g.code == "guizhang") {
    ti = cat({place, t.name, "管理规定"});
  } else if (g.code == "qita") {
    switch (r.below(5)) {
      case 0: ti = cat({a, y, "年部门预算公开"}); f.topic = "部门预算"; break;
      case 1: ti = cat({a, y, "年部门决算及“三公”经费支出情况说明"}); f.topic = "三公经费"; break;
      case 2: ti = cat({y, "年", t.name, "情况公示"}); break;
      case 3: ti = cat({"《", t.name, plan, "》政策解读"}); break;
      default: ti = cat({a, "关于", t.name, "工作进展情况"}); break;
    }
  } else {
    ti = cat({a, "关于", t.name, "的", g.name});
  }

  // 文号: most formal documents carry one.
  if (g.code != "qita" && g.code != "gongbao" && r.chance(0.85)) {
    if (ag.serial_year != year) {
      ag.serial_year = year;
      ag.doc_no = 0;
      ag.serial = 0;
    }
    const SV kind = g.code == "han" ? SV("函") : ag.office ? SV("办发") : SV("发");
    it.doc_no = ag.issuer + std::string(kind) + "〔" + y + "〕" + std::to_string(++ag.doc_no) + "号";
  }

  it.keywords = cat({t.name, " ", plan, " ", g.name});
  if (r.chance(0.4)) it.keywords += cat({" ", t2->name});

  // Summary and body.
  auto sentence = [&](SV tpl) {
    std::string s;
    expand(s, tpl, f);
    return s;
  };
  it.summary = sentence(r.chance(0.5) ? t.lines[r.below(t.lines.size())] : r.pick(kCommon));
  if (r.chance(0.5)) it.summary += sentence(r.pick(kCommon));

  // Sentences of the body, without repeating one within an item.
  std::vector<SV> used;
  auto fresh = [&](auto draw) {
    SV line = draw();
    for (int tries = 0; tries < 3 && std::find(used.begin(), used.end(), line) != used.end(); ++tries) line = draw();
    used.push_back(line);
    return sentence(line);
  };
  auto topic_line = [&] { return t.lines[r.below(t.lines.size())]; };
  auto other_line = [&] { return t2->lines[r.below(t2->lines.size())]; };
  auto common_line = [&] { return r.pick(kCommon); };
  std::string& b = it.body;
  if (g.code == "tongzhi" || g.code == "yijian") b += "<p>各乡镇人民政府、街道办事处，" + place + "直各部门：</p>";
  b += "<p>" + fresh(topic_line) + fresh(common_line) + "</p>";
  // Lengths: most items are short notices, some long plans and reports.
  const int sections = r.chance(0.55) ? r.range(1, 2) : r.chance(0.75) ? r.range(3, 5) : r.range(6, 10);
  for (int s = 0; s < sections; ++s) {
    if (sections > 2) b += cat({"<h3>", kNumerals[static_cast<size_t>(s % 10)], "、", r.pick(kSectionHeads), "</h3>"});
    b += "<p>";
    const int n = r.range(2, 5);
    for (int k = 0; k < n; ++k) {
      const double u = r.unit();
      if (u < 0.45) b += fresh(topic_line);
      else if (u < 0.55) b += fresh(other_line);
      else b += fresh(common_line);
    }
    b += "</p>";
  }
  const SV closing = g.code == "tongzhi"   ? SV("特此通知。")
                     : g.code == "gonggao" || g.code == "tonggao" ? SV("特此公告。")
                     : g.code == "yijian" ? SV("以上意见，请认真贯彻执行。")
                     : g.code == "guizhang" || g.code == "guifanxing" ? SV("现予公布，自公布之日起施行。")
                                                                     : SV("");
  if (!closing.empty()) b += cat({"<p>", closing, "</p>"});
  char date_cn[64];
  std::snprintf(date_cn, sizeof date_cn, "%d年%d月%d日", year, month, day);
  b += "<p>" + a + "</p><p>" + date_cn + "</p>";

  char iso[48];
  std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", year, month, day);
  it.date = iso;
  // Older items are more often expired or repealed.
  const double age = std::max(0, 2026 - year);
  const double u = r.unit();
  it.validity = u < 0.012 * age ? "repealed" : u < 0.045 * age ? "expired" : "valid";
  return it;
}

}  // namespace

const char* query_kind_name(QueryKind k) {
  switch (k) {
    case QueryKind::kChar1: return "1 character";
    case QueryKind::kChar2: return "2 characters";
    case QueryKind::kChar3: return "3 characters";
    case QueryKind::kChar4: return "4 characters";
    case QueryKind::kTwoTerms: return "two terms (AND)";
    case QueryKind::kPhrase: return "quoted phrase";
  }
  return "?";
}

CorpusStats generate_corpus(db::Db& db, int64_t n, uint64_t seed,
                            const std::function<void(int64_t, int64_t)>& progress) {
  CorpusStats st;
  const std::string now = "2026-11-20T00:00:00Z";
  std::vector<Agency> ags;
  db.write([&] {
    int64_t org = 100000000;
    auto add_agency = [&](Agency a, std::optional<int64_t> parent, SV level) {
      std::string code = "11539900" + std::to_string(org++);
      code.resize(17, '0');
      a.credit = code + agencies::credit_code_check_char(code);
      a.id = db.exec(
                   "INSERT INTO agencies(parent_id, name, short_name, level, credit_code, region_code, created_at, "
                   "updated_at) VALUES (?,?,?,?,?,?,?,?)",
                   {parent, a.name, a.name, level, a.credit, "539900", now, now})
                 .last_insert_id;
      int sort = 0;
      for (SV col : {SV("通知公告"), SV("政策文件"), SV("财政信息"), SV("规划计划")}) {
        a.columns.push_back(
            db.exec("INSERT INTO columns(agency_id, name, slug, kind, sort_order) VALUES (?,?,?,'custom',?)",
                    {a.id, col, "c" + std::to_string(sort), sort})
                .last_insert_id);
        ++sort;
      }
      ags.push_back(std::move(a));
      return ags.back().id;
    };
    auto add_government = [&](const std::string& place, SV level_cn, SV level, std::optional<int64_t> parent,
                              const std::string& issuer, double weight, bool with_depts) {
      Agency g;
      g.name = place + "人民政府";
      g.place = place;
      g.level_cn = std::string(level_cn);
      g.issuer = issuer + "政";
      g.weight = weight;
      const int64_t gid = add_agency(g, parent, level);
      Agency o = g;
      o.name = place + "人民政府办公室";
      o.office = true;
      o.weight = weight * 1.5;
      add_agency(o, gid, "department");
      if (with_depts) {
        for (const auto& d : departments()) {
          Agency a;
          a.name = place + std::string(d.name);
          a.place = place;
          a.level_cn = std::string(level_cn);
          a.issuer = issuer + std::string(d.abbr);
          a.field = d.field;
          a.weight = weight * d.weight * 0.35;
          add_agency(a, gid, "department");
        }
      }
      return gid;
    };
    const int64_t prov = add_government("青岚省", "省", "province", std::nullopt, "青", 6, true);
    for (size_t c = 0; c < kCities.size(); ++c) {
      const std::string city = std::string(kCities[c]) + "市";
      const int64_t cid = add_government(city, "市", "city", prov, first_char(kCities[c]), 4.0 / (1 + 0.3 * c), true);
      for (size_t k = 0; k < 5; ++k) {
        const SV county = kCounties[c * 5 + k];
        const std::string cn = std::string(county) + "县";
        const int64_t kid = add_government(cn, "县", "county", cid, first_char(county), 2.0 / (1 + 0.4 * k), true);
        for (size_t t = 0; t < 3; ++t) {
          const SV town = kTowns[(c * 5 + k + t * 5) % kTowns.size()];
          Agency a;
          a.name = cn + std::string(town) + "人民政府";
          a.place = cn + std::string(town);
          a.level_cn = std::string(town.substr(town.size() - 3));
          a.issuer = first_char(county) + first_char(town) + "政";
          a.weight = 0.3;
          add_agency(a, kid, "township");
        }
      }
    }
    db.exec(
        "INSERT INTO users(username, display_name, agency_id, password_hash, created_at, updated_at) "
        "VALUES ('bench', '基准测试', ?, '!', ?, ?)",
        {prov, now, now});
    return 0;
  });
  st.agencies = static_cast<int64_t>(ags.size());
  const int64_t user = db.scalar_int("SELECT id FROM users WHERE username = 'bench'");

  std::vector<double> aw;
  for (const auto& a : ags) aw.push_back(a.weight);
  // Cumulative weights for a fast weighted draw.
  std::vector<double> cum(aw.size());
  double sum = 0;
  for (size_t k = 0; k < aw.size(); ++k) cum[k] = (sum += aw[k]);

  using namespace std::chrono;
  const sys_days start = year_month_day{year{2008}, month{1}, day{1}};
  const sys_days end = year_month_day{year{2026}, month{11}, day{20}};
  const double span = static_cast<double>((end - start).count());

  constexpr int64_t kBatch = 20000;
  for (int64_t base = 0; base < n; base += kBatch) {
    db.write([&] {
      for (int64_t i = base; i < std::min(n, base + kBatch); ++i) {
        Rng r(mix(seed, static_cast<uint64_t>(i)));
        // Publication dates in order, denser towards the present (density grows linearly).
        const double u = (static_cast<double>(i) + 0.5) / static_cast<double>(n);
        const year_month_day d{start + days{static_cast<int>(std::sqrt(u) * span)}};
        const int yy = static_cast<int>(d.year());
        const int mm = static_cast<int>(static_cast<unsigned>(d.month()));
        const int dd = static_cast<int>(static_cast<unsigned>(d.day()));
        const double x = r.unit() * sum;
        const size_t ai = static_cast<size_t>(std::lower_bound(cum.begin(), cum.end(), x) - cum.begin());
        Agency& ag = ags[std::min(ai, ags.size() - 1)];
        Item it = make_item(r, ag, yy, mm, dd);
        if (ag.serial_year != yy) {
          ag.serial_year = yy;
          ag.serial = 0;
          ag.doc_no = 0;
        }
        char idx[96];
        std::snprintf(idx, sizeof idx, "%s/%04d-%05lld", ag.credit.c_str(), yy, static_cast<long long>(++ag.serial));
        const int64_t column = ag.columns[it.genre == "qita" ? (it.title.find("预算") != std::string::npos ? 2 : 0)
                                          : it.genre == "tongzhi" || it.genre == "yijian" || it.genre == "guifanxing"
                                              ? 1
                                              : r.below(4)];
        st.text_bytes += static_cast<int64_t>(it.title.size() + it.keywords.size() + it.summary.size() + it.body.size());
        db.exec(
            "INSERT INTO items(agency_id, column_id, state, title, index_no, publisher, subject, genre, doc_no, "
            "written_date, publish_date, validity, keywords, summary, body_html, disclosure, created_by, "
            "created_at, updated_at, published_at) "
            "VALUES (?,?,'published',?,?,?,?,?,?,?,?,?,?,?,?,'proactive',?,?,?,?)",
            {ag.id, column, it.title, std::string(idx), ag.name, it.subject, it.genre, it.doc_no, it.date, it.date,
             it.validity, it.keywords, it.summary, it.body, user, now, now, it.date + "T09:00:00Z"});
        ++st.items;
      }
      return 0;
    });
    if (progress) progress(std::min(n, base + kBatch), n);
  }
  return st;
}

std::vector<BenchQuery> make_queries(int count, uint64_t seed) {
  // Terms people type, drawn from the corpus vocabulary, plus a few rarer words and place names.
  static const std::vector<SV> c1 = {"税", "房", "林", "粮", "医", "桥", "灾", "债", "矿", "水",
                                     "电", "药", "车", "茶", "法", "路", "学", "田", "火", "鱼"};
  static const std::vector<SV> c2 = {"公开", "征收", "补偿", "预算", "决算", "低保", "养老", "防汛", "招聘", "采购",
                                     "债券", "河长", "疫苗", "消防", "殡葬", "秸秆", "耕地", "电梯", "扬尘", "欠薪",
                                     "云川", "东湖", "龙泉", "梅岭", "复议", "户籍", "助学", "幼儿", "公路", "统计"};
  static const std::vector<SV> c3 = {"公积金", "幼儿园", "残疾人", "老年人", "合作社", "农产品", "新能源", "示范社",
                                     "饮用水", "处方药", "公示期", "标准化", "城中村", "棚户区", "工业园"};
  static const std::vector<SV> c4 = {"三公经费", "征收补偿", "信息公开", "乡村振兴", "安全生产", "营商环境", "森林防火",
                                     "食品安全", "老旧小区", "义务教育", "防汛抗旱", "耕地保护", "地质灾害", "政府采购",
                                     "公开招聘", "部门预算", "法律援助", "交通管制", "生活保障", "专项债券"};
  static const std::vector<SV> phrases = {"关于印发", "实施方案的通知", "政府信息公开工作年度报告", "国有土地上房屋征收",
                                          "三公经费财政拨款", "最低生活保障标准", "工作情况的报告", "公开招聘工作人员",
                                          "高标准农田建设", "可以申请行政复议", "人民政府办公室关于", "交通管制的通告"};
  std::vector<BenchQuery> out;
  Rng r(seed ^ 0x5157455259ULL);
  // Shares of the mix: 1 char 15 %, 2 chars 25 %, 3 chars 15 %, 4 chars 20 %, two terms 15 %, phrases 10 %.
  const std::vector<double> w = {15, 25, 15, 20, 15, 10};
  auto quoted = [](SV s) { return "\"" + std::string(s) + "\""; };
  for (int k = 0; k < count; ++k) {
    BenchQuery q{};
    q.kind = static_cast<QueryKind>(r.weighted(w));
    switch (q.kind) {
      case QueryKind::kChar1: q.text = std::string(r.pick(c1)); q.xapian_text = q.text; break;
      case QueryKind::kChar2: q.text = std::string(r.pick(c2)); q.xapian_text = quoted(q.text); break;
      case QueryKind::kChar3: q.text = std::string(r.pick(c3)); q.xapian_text = quoted(q.text); break;
      case QueryKind::kChar4: q.text = std::string(r.pick(c4)); q.xapian_text = quoted(q.text); break;
      case QueryKind::kTwoTerms: {
        const SV a = r.chance(0.5) ? r.pick(c2) : r.pick(c4);
        SV b = r.chance(0.5) ? r.pick(c2) : r.pick(c4);
        if (b == a) b = r.pick(c3);
        q.text = std::string(a) + " " + std::string(b);
        q.xapian_text = quoted(a) + " " + quoted(b);
        break;
      }
      case QueryKind::kPhrase: q.text = quoted(r.pick(phrases)); q.xapian_text = q.text; break;
    }
    q.by_date = r.chance(0.5);
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace gk::bench
